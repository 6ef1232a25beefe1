package org.emoscope.pipeline;

import be.tarsos.dsp.AudioDispatcher;
import be.tarsos.dsp.AudioEvent;
import be.tarsos.dsp.AudioProcessor;
import org.emoscope.audio.AudioSource;
import org.emoscope.features.FeatureDispatchers;
import org.emoscope.features.FeatureConfig;
import org.emoscope.features.Mfcc;
import org.emoscope.features.MfccProcessor;
import org.emoscope.features.functionals.Functionals;
import org.emoscope.features.speech.SpeechDetector;
import org.emoscope.features.speech.VoicingProcessor;
import org.emoscope.model.EmotionModel;
import org.emoscope.model.SpeakerStatistics;

import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one analysis pipeline, for microphones and files alike:
 * {@link AudioSource} -> TarsosDSP {@link AudioDispatcher} (one 25 ms window every 10 ms) -> level meter and
 * {@link MfccProcessor} -> sliding window of MFCC frames (default 2 s every 250 ms) -> {@link EmotionModel} ->
 * speech gating and smoothing -> {@link AnalysisListener}s. For a speaker-normalised model the session also keeps
 * the statistics of the voice it hears ({@link SpeakerStatistics}) and hands each window's estimate to the model.
 *
 * <p>Each session runs two threads of its own: capture (reading and features) and inference, joined by a bounded
 * queue, so a slow model never stalls a microphone. A live source drops the oldest pending window when the queue
 * is full (counted in {@link AnalysisStats#droppedWindows()}); a file source waits instead, so nothing is lost.
 *
 * <p>The model is not thread-safe; sessions sharing one model take turns on it.
 */
public final class StreamingAnalyzer {

    /** TarsosDSP logs read errors through java.util.logging; the session reports them to listeners instead. */
    private static final Logger TARSOS_LOG = Logger.getLogger("be.tarsos.dsp");

    static {
        TARSOS_LOG.setLevel(Level.OFF);
    }

    private final EmotionModel model;
    private final AnalyzerSettings settings;

    public StreamingAnalyzer(EmotionModel model, AnalyzerSettings settings) {
        this.model = Objects.requireNonNull(model, "model");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public EmotionModel model() {
        return model;
    }

    public AnalyzerSettings settings() {
        return settings;
    }

    /** Number of feature frames in one analysis window. */
    public int windowFrames() {
        return Windower.windowFrames(model.featureConfig(), settings);
    }

    /**
     * Number of feature frames between two windows: the settings' hop for a live source. For a file, the hop is
     * rounded down to whole attention frames of the network (the time pooling factor; one at least), so that all
     * windows but the last share the network's trunk ({@link org.emoscope.model.StreamTrunk}): with the default
     * 250 ms and a network that pools time by 4, 24 frames (240 ms).
     */
    public int hopFrames(boolean live) {
        int hop = Windower.hopFrames(model.featureConfig(), settings);
        if (live) return hop;
        int factor = model.bundle().spec().timePoolingFactor();
        return Math.max(factor, hop / factor * factor);
    }

    /**
     * Starts analysing {@code source} and returns at once; results go to {@code listener} from the session's own
     * threads. The session owns the source and closes it when it ends.
     *
     * @throws IllegalArgumentException if the source's sample rate is not the model's
     */
    public AnalysisSession start(AudioSource source, AnalysisListener listener) {
        return start(source, listener, null);
    }

    /**
     * As {@link #start(AudioSource, AnalysisListener)}, for a model that adapts to voices, with the voice known:
     * every window uses {@code knownVoice} as it is, instead of the statistics of what the session hears (null:
     * learn the voice while listening, as usual).
     */
    public AnalysisSession start(AudioSource source, AnalysisListener listener, Voice knownVoice) {
        FeatureConfig fc = model.featureConfig();
        if (source.sampleRate() != fc.sampleRate())
            throw new IllegalArgumentException(source.description() + " delivers " + source.sampleRate()
                    + " Hz but the model expects " + fc.sampleRate() + " Hz");
        FailureMemory remembering = new FailureMemory(source);
        AudioDispatcher dispatcher = FeatureDispatchers.create(remembering, fc);
        SessionSetup setup = new SessionSetup(model, settings, remembering, dispatcher, sink -> {
            Windower windower = windower(source.isLive(), sink);
            attach(dispatcher, fc, windower);
            return windower;
        });
        AnalysisSession session = new AnalysisSession(setup, listener, knownVoice);
        session.begin();
        return session;
    }

    /**
     * The feature chain of a stream: the level meter and the voicing (YIN) of each analysis window, then its MFCCs,
     * all handed to {@code windower}, which asks the speech detector about each frame.
     */
    static void attach(AudioDispatcher dispatcher, FeatureConfig fc, Windower windower) {
        dispatcher.addAudioProcessor(new LevelMeter(windower));
        dispatcher.addAudioProcessor(new VoicingProcessor(fc.sampleRate(), fc.windowSamples(),
                windower::setNextVoicing));
        dispatcher.addAudioProcessor(new MfccProcessor(fc, windower));
    }

    /**
     * A windower for this analyzer's windows, with a fresh speech detector; a file ({@code live} false) holds back
     * the span of the detector's noise estimate to prime it, a live source holds back nothing.
     */
    Windower windower(boolean live, Windower.Sink sink) {
        return windower(model.featureConfig(), settings, hopFrames(live), live, model.usesFunctionals(), sink);
    }

    /**
     * As {@link #windower(boolean, Windower.Sink)}, for any features and settings, a window every {@code hopFrames};
     * with or without functionals.
     */
    static Windower windower(FeatureConfig fc, AnalyzerSettings settings, int hopFrames, boolean live,
                             boolean functionals, Windower.Sink sink) {
        SpeechDetector.Settings speech = settings.speech();
        int prime = live ? 0 : Math.max(1, (int) Math.round(speech.noiseWindowSeconds() / fc.hopSeconds()));
        return new Windower(Windower.windowFrames(fc, settings), hopFrames,
                new SpeechDetector(speech, fc.melFilters(), fc.hopSeconds()), prime, Mfcc.silentFrame(fc),
                functionals ? new Functionals(fc) : null, sink);
    }

    /** Measures each window's RMS level just before the MFCC processor sees the same buffer. */
    private static final class LevelMeter implements AudioProcessor {
        private final Windower windower;

        LevelMeter(Windower windower) {
            this.windower = windower;
        }

        @Override
        public boolean process(AudioEvent event) {
            windower.setNextLevel(levelDb(event.getFloatBuffer()));
            return true;
        }

        @Override
        public void processingFinished() {
        }
    }

    /** RMS level of {@code samples} in dBFS (a full-scale sine is -3 dBFS), -120 for digital silence. */
    public static double levelDb(float[] samples) {
        double sum = 0;
        for (float s : samples) sum += (double) s * s;
        double rms = Math.sqrt(sum / Math.max(1, samples.length));
        return rms <= 1e-6 ? -120.0 : 20 * Math.log10(rms);
    }
}
