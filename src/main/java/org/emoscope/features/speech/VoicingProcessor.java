package org.emoscope.features.speech;

import be.tarsos.dsp.AudioEvent;
import be.tarsos.dsp.AudioProcessor;
import be.tarsos.dsp.pitch.PitchDetectionResult;
import be.tarsos.dsp.pitch.Yin;

import java.util.Objects;

/**
 * Measures how periodic each analysis window is, with TarsosDSP's YIN on the window decimated to half the rate
 * (a voice's pitch and its first harmonics lie far below the new Nyquist): placed in the dispatcher chain before the
 * MFCC processor, it hands the pitch and periodicity of the buffer the MFCC processor is about to see to
 * {@link Listener}. The periodicity is YIN's probability (1 minus the normalised difference at the period found), 0
 * when YIN finds no period. A voice's pitch lies in {@link #MIN_HZ}..{@link #MAX_HZ}; a pitch outside (a whistle, a
 * high note) is still reported, for {@link SpeechDetector} to recognise held tones by.
 */
public final class VoicingProcessor implements AudioProcessor {

    /**
     * YIN's threshold on its normalised difference: periods with a dip below it are reported. Higher than YIN's
     * usual 0.2 so that weakly periodic sounds (a chord, a voice in noise) still report a pitch and a periodicity,
     * which {@link SpeechDetector} weighs.
     */
    public static final double YIN_THRESHOLD = 0.5;

    /** The pitch range of speaking voices. */
    public static final double MIN_HZ = 70, MAX_HZ = 500;

    /** Receives the voicing of each buffer, on the dispatcher's thread. */
    @FunctionalInterface
    public interface Listener {
        /**
         * @param periodicity 0 (aperiodic) to 1 (perfectly periodic); 0 when no period was found
         * @param pitchHz     the pitch found, or -1
         */
        void onVoicing(double periodicity, double pitchHz);
    }

    private final Yin yin;
    private final float[] half;
    private final Listener listener;

    /** For buffers of {@code bufferSize} samples at {@code sampleRate}. */
    public VoicingProcessor(int sampleRate, int bufferSize, Listener listener) {
        this.yin = new Yin(sampleRate / 2f, bufferSize / 2, YIN_THRESHOLD);
        this.half = new float[bufferSize / 2];
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    @Override
    public boolean process(AudioEvent event) {
        PitchDetectionResult r = yin.getPitch(decimate(event.getFloatBuffer()));
        boolean pitched = r.isPitched() && r.getPitch() > 0;
        listener.onVoicing(pitched ? Math.max(0, Math.min(1, r.getProbability())) : 0, pitched ? r.getPitch() : -1);
        return true;
    }

    /**
     * A 15-tap half-band low-pass and every other sample: YIN then works on half the samples and half the lags, a
     * quarter of the work.
     */
    private float[] decimate(float[] x) {
        for (int i = 0; i < half.length; i++) {
            int c = 2 * i;
            double v = 0.5 * x[c];
            for (int k = 0; k < TAPS.length; k++) {
                int off = 2 * k + 1;
                double left = c - off >= 0 ? x[c - off] : 0;
                double right = c + off < x.length ? x[c + off] : 0;
                v += TAPS[k] * (left + right);
            }
            half[i] = (float) v;
        }
        return half;
    }

    /** Odd-offset taps of a windowed-sinc half-band filter (the even ones are zero, the centre 0.5). */
    private static final double[] TAPS = {0.3112, -0.0787, 0.0275, -0.0083};

    @Override
    public void processingFinished() {
        // nothing buffered
    }
}
