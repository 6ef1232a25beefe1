package org.emoscope.app.bus;

import org.emoscope.model.EmotionModel;
import org.emoscope.pipeline.WindowResult;

import java.util.List;

/**
 * What the attention view inspects: a stretch of audio's log-mel frames and the windows analysed over it.
 *
 * @param source             file name or device name, for titles
 * @param model              the model that analysed the windows (its feature config draws the frequency axis, and
 *                           its network explains the windows); null only in tests that draw nothing
 * @param logMel             log-mel frames [frame][band], dB; frame {@code i} starts at
 *                           {@code firstFrameSeconds + i * hopSeconds}
 * @param firstFrameSeconds  stream time of {@code logMel[0]}
 * @param hopSeconds         time between frames
 * @param windows            analysed windows, in time order (stream times)
 */
public record Inspection(String source, EmotionModel model, float[][] logMel, double firstFrameSeconds, double hopSeconds,
                         List<WindowResult> windows) {

    public Inspection {
        windows = List.copyOf(windows);
    }

    /** Stream time just after the last frame. */
    public double endSeconds() {
        return firstFrameSeconds + logMel.length * hopSeconds;
    }
}
