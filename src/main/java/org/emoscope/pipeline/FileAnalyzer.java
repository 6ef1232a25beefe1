package org.emoscope.pipeline;

import org.emoscope.audio.AudioDecodeException;
import org.emoscope.audio.AudioSource;
import org.emoscope.audio.ForwardingAudioSource;
import org.emoscope.audio.FileAudioSource;
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

    private final StreamingAnalyzer analyzer;
    /** The one voice all files share, for a speaker-normalised model analysing one speaker's files; else null. */
    private final SpeakerStatistics sharedVoice;

    /** Each file is a voice of its own. */
    public FileAnalyzer(StreamingAnalyzer analyzer) {
        this(analyzer, false);
    }

    /**
     * @param oneSpeaker all files analysed by this analyzer are one speaker: what a speaker-normalised model learns
     *                   of the voice in one file carries over to the next (files must then be analysed one at a time)
     */
    public FileAnalyzer(StreamingAnalyzer analyzer, boolean oneSpeaker) {
        this.analyzer = analyzer;
        SpeakerPrior prior = analyzer.model().speakerPrior();
        this.sharedVoice = oneSpeaker && prior != null ? prior.newStatistics() : null;
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
        AnalysisListener collector = new AnalysisListener() {
            @Override
            public void onFrame(FeatureFrame frame) {
                if (frames != null) frames.onFrame(frame);
            }

            @Override
            public void onWindow(WindowResult result) {
                windows.add(result);
                if (length > 0) progress.accept(Math.min(1.0, result.endSeconds() * source.sampleRate() / length));
            }
        };
        AnalysisSession session = analyzer.start(source, collector, sharedVoice);
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
        return Timeline.analysis(name, duration, analyzer.model().labels(), windows);
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
