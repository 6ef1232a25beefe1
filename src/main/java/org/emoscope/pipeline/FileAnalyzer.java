package org.emoscope.pipeline;

import org.emoscope.audio.AudioDecodeException;
import org.emoscope.audio.AudioSource;
import org.emoscope.audio.ForwardingAudioSource;
import org.emoscope.audio.FileAudioSource;
import org.emoscope.features.FeatureConfig;
import org.emoscope.features.FeatureDispatchers;
import org.emoscope.model.EmotionModel;
import org.emoscope.model.FunctionalsClassifier;
import org.emoscope.model.FunctionalsVoice;
import org.emoscope.model.SpeakerPrior;
import org.emoscope.model.SpeakerStatistics;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.DoubleConsumer;

/** File mode: the {@link StreamingAnalyzer} run over a file, collected into a {@link FileAnalysis}. */
public final class FileAnalyzer {

    /** The part of the progress bar that reading the file and its features fill; the windows fill the rest. */
    private static final double FEATURES_SHARE = 0.5;

    private final StreamingAnalyzer analyzer;
    /** The voice learnt by {@link #learnVoice}, used as it is by every later analysis; null before. */
    private Voice learntVoice;

    public FileAnalyzer(StreamingAnalyzer analyzer) {
        this.analyzer = analyzer;
    }

    /**
     * This analysis (its settings and any voice {@link #learnVoice learnt}) on a {@link EmotionModel#copy copy} of
     * its model, for another thread: analyses on the two run in parallel.
     */
    public FileAnalyzer copy() {
        FileAnalyzer other = new FileAnalyzer(new StreamingAnalyzer(analyzer.model().copy(), analyzer.settings()));
        other.learntVoice = learntVoice;
        return other;
    }

    /** File analysis with {@code model}'s own window length and the default settings otherwise. */
    public static FileAnalyzer forModel(EmotionModel model) {
        return new FileAnalyzer(new StreamingAnalyzer(model, AnalyzerSettings.forModel(model)));
    }

    /**
     * Declares that the files analysed from now on are all one speaker, whose voice {@code files} hold: a model that
     * adapts to voices (a speaker-normalised network, a voice-centred functionals classifier) learns the voice's
     * statistics from all of them first (features only, no inference),
     * and then uses those statistics, unchanged, for every window of every file, whatever their order. Files that
     * cannot be read are skipped here (their analysis reports why). Does nothing for other models.
     *
     * @return the seconds of speech learnt from (0 for a model that does not adapt to voices)
     */
    public double learnVoice(List<Path> files) throws InterruptedException {
        SpeakerPrior prior = analyzer.model().speakerPrior();
        FunctionalsClassifier head = analyzer.model().bundle().functionals();
        FunctionalsVoice windows = head != null && head.voiceCentred() ? head.newVoice() : null;
        if (prior == null && windows == null) return 0;
        FeatureConfig fc = analyzer.model().featureConfig();
        SpeakerStatistics voice = prior == null ? null : prior.newStatistics();
        int windowFrames = analyzer.windowFrames();
        double[] speechSeconds = {0};
        for (Path file : files) {
            if (Thread.interrupted()) throw new InterruptedException();
            try (AudioSource source = new FileAudioSource(file, fc.sampleRate())) {
                be.tarsos.dsp.AudioDispatcher d = FeatureDispatchers.create(source, fc);
                Windower speechFrames = analyzer.windower(false, new Windower.Sink() {
                    @Override
                    public void frame(FeatureFrame frame) {
                        if (frame.speech()) {
                            if (voice != null) voice.add(frame.mfcc());
                            speechSeconds[0] += fc.hopSeconds();
                        }
                    }

                    @Override
                    public void window(Windower.WindowJob job) {
                        if (windows != null && job.functionals() != null
                                && analyzer.settings().speechWindow(job.activeFrames(), windowFrames))
                            windows.add(job.functionals());
                    }
                });
                StreamingAnalyzer.attach(d, fc, speechFrames);
                d.run();
                speechFrames.finish();
            } catch (IOException | RuntimeException | Error e) {
                // unreadable (TarsosDSP rethrows read failures as an Error): the file's own analysis says why
            }
        }
        learntVoice = new Voice(voice == null ? null : voice.estimate(prior),
                windows == null ? null : head.centreOf(windows));
        return speechSeconds[0];
    }

    /** Analyses {@code file}, blocking the calling thread until done. */
    public FileAnalysis analyze(Path file) throws IOException, InterruptedException {
        return analyze(file, p -> { }, null);
    }

    /**
     * Analyses {@code file}, blocking the calling thread until done.
     *
     * @param progress receives the fraction of the file analysed, 0-1, from the analysis threads
     * @param frames   receives every feature frame (for spectrogram display), or null
     * @throws AudioDecodeException  when the file cannot be read, with a message naming it and the reason
     * @throws CancellationException when the thread is interrupted (the analysis is stopped first)
     */
    public FileAnalysis analyze(Path file, DoubleConsumer progress, AnalysisListener frames)
            throws IOException, InterruptedException {
        int rate = analyzer.model().featureConfig().sampleRate();
        AudioSource source = new FileAudioSource(file, rate);
        return analyze(source, file.toString(), progress, frames);
    }

    /** Analyses any finite source; see {@link #analyze(Path, DoubleConsumer, AnalysisListener)}. */
    public FileAnalysis analyze(AudioSource audio, String name, DoubleConsumer progress, AnalysisListener frames)
            throws IOException, InterruptedException {
        CountingSource source = new CountingSource(audio);
        long length = source.lengthSamples();
        List<WindowResult> windows = Collections.synchronizedList(new ArrayList<>());
        double seconds = length / (double) source.sampleRate();
        AnalysisListener collector = new AnalysisListener() {
            @Override
            public void onFrame(FeatureFrame frame) {
                if (frames != null) frames.onFrame(frame);
                // reading and features first, then the windows: half the work each, roughly; once a second of audio
                if (length > 0 && frame.index() % 100 == 0)
                    progress.accept(Math.min(FEATURES_SHARE, FEATURES_SHARE * frame.timeSeconds() / seconds));
            }

            @Override
            public void onWindow(WindowResult result) {
                windows.add(result);
                if (length > 0) progress.accept(Math.min(1.0, FEATURES_SHARE
                        + (1 - FEATURES_SHARE) * result.endSeconds() / seconds));
            }
        };
        AnalysisSession session = analyzer.start(source, collector, learntVoice);
        try {
            session.awaitCompletion();
        } catch (InterruptedException e) {
            session.stop();
            throw new CancellationException("analysis of " + name + " was cancelled");
        }
        if (session.failure() != null) {
            Exception f = session.failure();
            if (f instanceof AudioDecodeException ade) throw ade;
            throw new AudioDecodeException(name + ": " + f.getMessage(), f);
        }
        // what was decoded, not the length a (possibly damaged) header states
        double duration = source.samplesRead / (double) source.sampleRate();
        if (windows.isEmpty())
            throw new AudioDecodeException(fileName(name) + ": too short to analyse ("
                    + String.format(java.util.Locale.ROOT, "%.3f", duration)
                    + " s; at least " + analyzer.model().featureConfig().windowSamples() * 1000
                    / analyzer.model().featureConfig().sampleRate() + " ms of audio is needed)");
        progress.accept(1.0);
        return Timeline.analysis(name, duration, analyzer.model().labels(), windows).withWarning(source.warning());
    }

    /** The last segment of a path, as other file errors name the file. */
    private static String fileName(String name) {
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf(java.io.File.separatorChar));
        return slash >= 0 && slash < name.length() - 1 ? name.substring(slash + 1) : name;
    }

    /** Counts the samples a source delivers (read on the capture thread, counted after it ended). */
    private static final class CountingSource extends ForwardingAudioSource {
        private volatile long samplesRead;

        CountingSource(AudioSource source) {
            super(source);
        }

        @Override
        public int read(float[] buffer, int offset, int length) throws IOException {
            int n = source.read(buffer, offset, length);
            if (n > 0) samplesRead += n;
            return n;
        }
    }
}
