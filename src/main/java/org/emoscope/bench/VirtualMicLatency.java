package org.emoscope.bench;

import org.emoscope.audio.AudioSource;
import org.emoscope.audio.ForwardingAudioSource;
import org.emoscope.audio.MicrophoneAudioSource;
import org.emoscope.features.FeatureConfig;
import org.emoscope.model.EmotionModel;
import org.emoscope.pipeline.AnalysisListener;
import org.emoscope.pipeline.AnalysisSession;
import org.emoscope.pipeline.AnalysisStats;
import org.emoscope.pipeline.AnalyzerSettings;
import org.emoscope.pipeline.FeatureFrame;
import org.emoscope.pipeline.StreamingAnalyzer;
import org.emoscope.pipeline.WindowResult;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.SourceDataLine;
import java.io.File;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.URISyntaxException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Live latency measured through the virtual microphone of {@code scripts/virtual-mic.sh}: a PulseAudio null sink
 * ({@code vmic_sink}) whose monitor is the default capture source.
 *
 * <p>The bench plays digital silence with bursts of speech-like sound into the sink through a Java Sound
 * {@link SourceDataLine}, while the app's own capture path records the monitor: {@link MicrophoneAudioSource} on the
 * default device, {@link StreamingAnalyzer} with {@link AnalyzerSettings#forModel}. For each burst it finds:
 * <ol>
 *   <li>the <b>reference</b>: when the burst's first sample entered the sink, hence the monitor (see
 *       {@link #reference});</li>
 *   <li>when the capture read that returned that sample came back (timed by a thin {@link AudioSource} wrapper);</li>
 *   <li>when the onset frame (the first 25 ms frame whose level rose out of the silence) left the feature extractor
 *       ({@link AnalysisListener#onFrame}, capture thread);</li>
 *   <li>the first window holding the onset frame: when it was cut ({@link WindowResult#producedNanos()}) and when it
 *       reached the listeners ({@link WindowResult#deliveredNanos()}); and the first window labelled speech.</li>
 * </ol>
 * Bursts come after 2 to 2.5 s of silence (random), so their onsets fall anywhere on the 250 ms window grid and no
 * 2 s window holds two bursts.
 */
public final class VirtualMicLatency {

    /** The sink and the capture source that {@code scripts/virtual-mic.sh} sets up and makes the defaults. */
    public static final String SINK = "vmic_sink";
    public static final String SOURCE = SINK + ".monitor";
    /** What the report says when there is no virtual microphone to measure through. */
    public static final String NO_VIRTUAL_MIC = "no virtual microphone (run through bin/test's environment or "
            + "scripts/virtual-mic.sh)";

    static final double LEAD_IN_SECONDS = 2.0;
    static final double BURST_SECONDS = 1.0;
    /** Silence after each burst: at least a window (2 s) so no window holds two bursts, plus up to two hops. */
    static final double GAP_SECONDS = 2.0;
    static final double GAP_JITTER_SECONDS = 0.5;
    static final double TAIL_SECONDS = 1.5;
    /** Long enough that a writer descheduled on a busy machine rarely lets the sink run dry. */
    static final int PLAYBACK_BUFFER_MS = 500;
    static final int CHUNK_MS = 10;
    /** A sample at least this loud (-60 dBFS) is sound; the silence between bursts is digital zero. */
    static final float SOUND_SAMPLE = 1e-3f;
    /** A frame at least this loud is sound (the silence between bursts measures -120 dBFS). */
    static final double SOUND_FRAME_DB = -80;
    /** An onset needs this much silence before it. */
    static final double QUIET_BEFORE_ONSET_SECONDS = 0.5;
    /** Polls within this distance of the onset's report feed its reference line. */
    static final long REFERENCE_SPAN_NANOS = 1_000_000_000L;
    /**
     * The reported position standing still this long (it normally moves every 20 ms or so) may be an underrun, after
     * which the played frames lie on a later line; polls before it do not feed the reference of a later onset.
     */
    static final long STALL_NANOS = 50_000_000L;
    /** A capture-side onset belongs to a burst when it comes this soon before its reference ... */
    static final long MATCH_EARLY_NANOS = 50_000_000L;
    /** ... or at most this late after it. */
    static final long MATCH_LATE_NANOS = 1_000_000_000L;

    private VirtualMicLatency() {
    }

    // ---------------------------------------------------------------- records

    /** Something rising out of the silence: a sample index or a frame index, and when it was seen. */
    public record Onset(long index, long nanos) {
    }

    /** A delivered window: its first frame, whether it counted as speech, when it was cut and when delivered. */
    public record Window(long index, long startFrame, boolean speech, long producedNanos, long deliveredNanos) {
    }

    /** The playback line's position over time: {@code frames[i]} played by {@code nanos[i]}. */
    public record Polls(long[] nanos, long[] frames, int count) {
    }

    /** The pipeline's shape: sample rate, frame length and hop (samples), window length (frames). */
    public record Geometry(int sampleRate, int frameSamples, int frameHopSamples, int windowFrames) {
        /** The first frame holding sample {@code s}: frame k spans samples [k hop, k hop + length). */
        long firstFrameHolding(long s) {
            long k = Math.floorDiv(s - frameSamples + frameHopSamples, (long) frameHopSamples);
            return Math.max(0, k);
        }
    }

    /**
     * One burst. Times are milliseconds after the reference (NaN when not found); indices -1 when not found.
     *
     * @param playbackFrame  the burst's first sample, frames from the start of the playback line
     * @param referenceNanos when that sample entered the sink (see {@link #reference}); 0 when unknown
     * @param reportedLagMs  how much later the playback line first reported the sample as played
     * @param captureSample  the first sample of the burst in the capture stream
     * @param captureMs      the capture read that returned it came back
     * @param onsetFrame     the first frame whose level rose out of the silence
     * @param expectedFrame  the first frame holding {@code captureSample} (equal to onsetFrame when all is well)
     * @param frameMs        the onset frame left the feature extractor (capture thread)
     * @param window         the first window holding the onset frame
     * @param hopWaitMs      from the onset frame to that window being cut: waiting for the window grid
     * @param inferenceMs    from that window being cut to its delivery: queue, model, gating
     * @param deliveredMs    that window reached the listeners: end to end
     * @param speechMs       the first window labelled speech after the onset reached the listeners
     */
    public record BurstRow(int burst, long playbackFrame, long referenceNanos, double reportedLagMs,
                           long captureSample, double captureMs, long onsetFrame, long expectedFrame, double frameMs,
                           long window, double hopWaitMs, double inferenceMs, double deliveredMs, double speechMs) {
        public boolean matched() {
            return !Double.isNaN(deliveredMs);
        }

        /** End to end minus the wait for the window grid: capture, features, queue and model. */
        public double addedMs() {
            return deliveredMs - hopWaitMs;
        }
    }

    /** p50 / p90 / max of one part over the matched bursts, milliseconds. */
    public record Part(double p50, double p90, double max, int n) {
        static Part of(double[] values) {
            double[] v = Arrays.stream(values).filter(Double::isFinite).toArray();
            if (v.length == 0) return new Part(Double.NaN, Double.NaN, Double.NaN, 0);
            return new Part(Stats.percentile(v, 50), Stats.percentile(v, 90), Stats.max(v), v.length);
        }
    }

    /**
     * What a run measured, or why it did not run ({@code notMeasured}), or how it failed ({@code failure}, with
     * whatever was measured before).
     *
     * @param offsetChanges  times the capture stream's sample offset to the playback line changed between bursts
     *                       (0: no sample was lost or added on the way)
     * @param extraOnsets    sounds the capture side heard that were not our bursts
     * @param pollMedianMs   median time between two polls of the playback position
     * @param stepMedianMs   median step in which the reported playback position advanced, as time
     * @param sinkLatencyMs  the null sink's configured latency during the run (NaN when pactl could not say)
     * @param otherCores     cores other processes kept busy during the run, on average
     */
    public record Result(String notMeasured, String failure, String server, String device, String captureFormat,
                         int bursts, double hopSeconds, double runSeconds, List<BurstRow> rows, int windows,
                         long dropped, double meanInterval, double maxInterval, int extraOnsets, int offsetChanges,
                         double pollMedianMs, double stepMedianMs, double sinkLatencyMs, double otherCores) {

        public static Result notMeasured(String why) {
            return new Result(why, null, null, null, null, 0, Double.NaN, 0, List.of(), 0, -1, Double.NaN,
                    Double.NaN, 0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }

        public boolean measured() {
            return notMeasured == null;
        }

        public List<BurstRow> matched() {
            return rows.stream().filter(BurstRow::matched).toList();
        }

        public Part capture() {
            return Part.of(matched().stream().mapToDouble(BurstRow::captureMs).toArray());
        }

        public Part frame() {
            return Part.of(matched().stream().mapToDouble(BurstRow::frameMs).toArray());
        }

        public Part hopWait() {
            return Part.of(matched().stream().mapToDouble(BurstRow::hopWaitMs).toArray());
        }

        public Part inference() {
            return Part.of(matched().stream().mapToDouble(BurstRow::inferenceMs).toArray());
        }

        public Part delivered() {
            return Part.of(matched().stream().mapToDouble(BurstRow::deliveredMs).toArray());
        }

        public Part added() {
            return Part.of(matched().stream().mapToDouble(BurstRow::addedMs).toArray());
        }

        public Part speech() {
            return Part.of(matched().stream().mapToDouble(BurstRow::speechMs).toArray());
        }

        public Part reportedLag() {
            return Part.of(matched().stream().mapToDouble(BurstRow::reportedLagMs).toArray());
        }

        /** Bursts whose onset frame was the first frame holding the onset sample. */
        public long framesAsExpected() {
            return matched().stream().filter(r -> r.onsetFrame() == r.expectedFrame()).count();
        }
    }

    // ---------------------------------------------------------------- the arithmetic (pure)

    /**
     * When playback frame {@code frame} entered the sink, in {@link System#nanoTime()} nanoseconds, or
     * {@link Long#MIN_VALUE} when the polls never reported it played.
     *
     * <p>The playback line reports what PulseAudio has consumed in steps, and late (a step arrives when the server
     * asks the client for more). But the null sink consumes exactly {@code rate} frames per second on the monotonic
     * clock that {@code nanoTime} reads, so played frames lie on a line {@code t = t0 + frames / rate}, and every
     * poll {@code (t, frames)} proves {@code t0 <= t - frames / rate}. The reference is the tightest such line over
     * the polls within {@link #REFERENCE_SPAN_NANOS} of the first poll that reported the frame played: the earliest
     * the frame can have entered the sink. A playback underrun (the sink ran dry and played silence of its own) moves
     * the line later; polls from before it would pull the reference early, so the span starts after the last time
     * the reported position stood still for {@link #STALL_NANOS} or more before the onset was reported. (An underrun
     * after the onset moves later polls later, which cannot lower the minimum.)
     */
    public static long reference(Polls polls, long frame, int rate) {
        int first = -1;
        for (int i = 0; i < polls.count(); i++) {
            if (polls.frames()[i] > frame) {
                first = i;
                break;
            }
        }
        if (first < 0) return Long.MIN_VALUE;
        long reported = polls.nanos()[first];
        int from = 0;
        long lastChange = Long.MIN_VALUE;
        for (int i = 1; i <= first; i++) {
            if (polls.frames()[i] == polls.frames()[i - 1]) continue;
            long t = polls.nanos()[i];
            if (lastChange != Long.MIN_VALUE && t - lastChange >= STALL_NANOS) from = i;
            lastChange = t;
        }
        double best = Double.POSITIVE_INFINITY;
        for (int i = from; i < polls.count(); i++) {
            long t = polls.nanos()[i];
            if (t - reported > REFERENCE_SPAN_NANOS) break;
            if (polls.frames()[i] <= 0 || reported - t > REFERENCE_SPAN_NANOS) continue;
            best = Math.min(best, t - polls.frames()[i] * 1e9 / rate);
        }
        return Math.round(best + frame * 1e9 / rate);
    }

    /** The first poll time reporting {@code frame} played, or {@link Long#MIN_VALUE}. */
    static long reported(Polls polls, long frame) {
        for (int i = 0; i < polls.count(); i++) if (polls.frames()[i] > frame) return polls.nanos()[i];
        return Long.MIN_VALUE;
    }

    /**
     * Matches each burst (its first playback frame in {@code burstFrames}) to what the capture side saw: the first
     * sample onset and the first frame onset within [-{@link #MATCH_EARLY_NANOS}, +{@link #MATCH_LATE_NANOS}] of its
     * reference, then the first delivered window holding that frame, and the first speech window after it. A burst
     * with no reference, no frame onset or no window holding it gets a row of NaNs.
     *
     * @param windows delivered windows, in delivery order
     */
    public static List<BurstRow> analyze(Geometry g, Polls polls, long[] burstFrames, List<Onset> sampleOnsets,
                                         List<Onset> frameOnsets, List<Window> windows) {
        List<BurstRow> rows = new ArrayList<>();
        for (int b = 0; b < burstFrames.length; b++) {
            long ref = reference(polls, burstFrames[b], g.sampleRate());
            if (ref == Long.MIN_VALUE) {
                rows.add(unmatched(b, burstFrames[b], 0, Double.NaN));
                continue;
            }
            double lag = ms(reported(polls, burstFrames[b]) - ref);
            Onset sample = near(sampleOnsets, ref);
            Onset frame = near(frameOnsets, ref);
            Window w = frame == null ? null : firstHolding(windows, frame.index(), g.windowFrames());
            if (frame == null || w == null) {
                rows.add(unmatched(b, burstFrames[b], ref, lag));
                continue;
            }
            Window speech = null;
            for (Window x : windows) {
                if (x.speech() && x.startFrame() + g.windowFrames() > frame.index()
                        && x.deliveredNanos() >= frame.nanos()) {
                    speech = x;
                    break;
                }
            }
            rows.add(new BurstRow(b, burstFrames[b], ref, lag, sample == null ? -1 : sample.index(),
                    sample == null ? Double.NaN : ms(sample.nanos() - ref), frame.index(),
                    sample == null ? -1 : g.firstFrameHolding(sample.index()), ms(frame.nanos() - ref), w.index(),
                    ms(w.producedNanos() - frame.nanos()), ms(w.deliveredNanos() - w.producedNanos()),
                    ms(w.deliveredNanos() - ref), speech == null ? Double.NaN : ms(speech.deliveredNanos() - ref)));
        }
        return rows;
    }

    /** Sample onsets that belong to no burst: sounds we did not play. */
    public static int extraOnsets(List<BurstRow> rows, List<Onset> sampleOnsets) {
        int used = 0;
        for (Onset o : sampleOnsets)
            for (BurstRow r : rows)
                if (r.captureSample() == o.index()) {
                    used++;
                    break;
                }
        return sampleOnsets.size() - used;
    }

    /** How often the capture sample minus the playback frame changed from one matched burst to the next. */
    public static int offsetChanges(List<BurstRow> rows) {
        int changes = 0;
        Long last = null;
        for (BurstRow r : rows) {
            if (r.captureSample() < 0) continue;
            long offset = r.captureSample() - r.playbackFrame();
            if (last != null && offset != last) changes++;
            last = offset;
        }
        return changes;
    }

    private static BurstRow unmatched(int b, long frame, long ref, double lag) {
        double n = Double.NaN;
        return new BurstRow(b, frame, ref, lag, -1, n, -1, -1, n, -1, n, n, n, n);
    }

    private static Onset near(List<Onset> onsets, long ref) {
        for (Onset o : onsets)
            if (o.nanos() >= ref - MATCH_EARLY_NANOS && o.nanos() <= ref + MATCH_LATE_NANOS) return o;
        return null;
    }

    private static Window firstHolding(List<Window> windows, long frame, int windowFrames) {
        for (Window w : windows) if (w.startFrame() <= frame && frame < w.startFrame() + windowFrames) return w;
        return null;
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    // ---------------------------------------------------------------- the signal

    /** What to play: the samples, and where each burst starts. */
    record Schedule(float[] audio, long[] onsets) {
    }

    /**
     * {@link #LEAD_IN_SECONDS} of silence, then {@code bursts} bursts of {@link #BURST_SECONDS} each followed by
     * {@link #GAP_SECONDS} plus up to {@link #GAP_JITTER_SECONDS} of silence, then {@link #TAIL_SECONDS}.
     */
    static Schedule schedule(int bursts, int rate, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        long[] onsets = new long[bursts];
        double t = LEAD_IN_SECONDS + r.nextDouble() * GAP_JITTER_SECONDS;
        for (int i = 0; i < bursts; i++) {
            onsets[i] = Math.round(t * rate);
            t += BURST_SECONDS + GAP_SECONDS + r.nextDouble() * GAP_JITTER_SECONDS;
        }
        float[] burst = burst(rate, seed);
        int total = (int) ((bursts == 0 ? Math.round(LEAD_IN_SECONDS * rate) : onsets[bursts - 1] + burst.length)
                + Math.round(TAIL_SECONDS * rate));
        float[] audio = new float[total];
        for (long o : onsets) System.arraycopy(burst, 0, audio, (int) o, burst.length);
        return new Schedule(audio, onsets);
    }

    /**
     * {@link #BURST_SECONDS} of {@link SpeechSignal} (about -20 dBFS) starting at a syllable's peak, on the first
     * sample above 0.02, so the burst's first sample is its onset.
     */
    static float[] burst(int rate, long seed) {
        float[] raw = SpeechSignal.generate(BURST_SECONDS + 0.3, rate, seed);
        int from = (int) Math.round(0.125 * rate); // 4 Hz syllables: the envelope peaks at 0.125 s
        while (Math.abs(raw[from]) < 0.02f) from++;
        return Arrays.copyOfRange(raw, from, from + (int) Math.round(BURST_SECONDS * rate));
    }

    // ---------------------------------------------------------------- is there a virtual microphone?

    /**
     * Whether the virtual microphone can be used: {@code server} is PULSE_SERVER, {@code started} says this process
     * started the daemon (and should stop it), {@code notMeasured} says why it cannot be used (null when it can).
     */
    public record Availability(String server, boolean started, String notMeasured) {
    }

    /**
     * Checks for the virtual microphone. PULSE_SERVER must be {@code unix:PATH} in this JVM's environment (ALSA's
     * pulse plugin reads it; Java cannot set it). When nothing listens at PATH and {@code mayStart}, starts the
     * daemon with {@code script start}. The default source must be {@link #SOURCE}, so the bench never plays test
     * sounds into a real output or records a real microphone.
     */
    public static Availability prepare(boolean mayStart, Path script) {
        String server = System.getenv("PULSE_SERVER");
        if (server == null || !server.startsWith("unix:"))
            return new Availability(server, false, NO_VIRTUAL_MIC + ": PULSE_SERVER is not set to unix:PATH in this "
                    + "JVM's environment");
        Path socket = Path.of(server.substring("unix:".length()));
        boolean started = false;
        if (!listening(socket)) {
            if (!mayStart)
                return new Availability(server, false, NO_VIRTUAL_MIC + ": nothing listens at " + server
                        + " (pass --virtual-mic to start it)");
            if (script == null || !Files.isExecutable(script))
                return new Availability(server, false, NO_VIRTUAL_MIC + ": nothing listens at " + server
                        + " and scripts/virtual-mic.sh was not found");
            Run start = run(List.of(script.toString(), "start"), 90);
            if (start.code() != 0 || !listening(socket))
                return new Availability(server, false, NO_VIRTUAL_MIC + ": scripts/virtual-mic.sh start failed (exit "
                        + start.code() + "): " + start.output().strip());
            started = start.output().contains("STARTED=1");
        }
        Run info = run(List.of("pactl", "info"), 20);
        Matcher m = Pattern.compile("Default Source: (\\S+)").matcher(info.output());
        String source = m.find() ? m.group(1) : null;
        if (!SOURCE.equals(source)) {
            Availability a = new Availability(server, started, "the PulseAudio at " + server + " records from "
                    + (source == null ? "an unknown source (pactl info: " + info.output().strip() + ")" : source)
                    + ", not the virtual microphone's " + SOURCE + "; not playing test sounds into it");
            release(a, script);
            return a;
        }
        return new Availability(server, started, null);
    }

    /** Stops the daemon if {@link #prepare} started it. */
    public static void release(Availability a, Path script) {
        if (a != null && a.started() && script != null) run(List.of(script.toString(), "stop"), 30);
    }

    /**
     * {@code scripts/virtual-mic.sh} of this checkout: under the working directory, else beside the directory of
     * {@code emoscope.jar}; null when neither exists.
     */
    public static Path script() {
        Path here = Path.of("scripts", "virtual-mic.sh").toAbsolutePath();
        if (Files.isRegularFile(here)) return here;
        try {
            Path jar = Path.of(VirtualMicLatency.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path root = jar.getParent() == null ? null : jar.getParent().getParent();
            Path s = root == null ? null : root.resolve("scripts").resolve("virtual-mic.sh");
            return s != null && Files.isRegularFile(s) ? s : null;
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    private static boolean listening(Path socket) {
        if (!Files.exists(socket)) return false;
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private record Run(int code, String output) {
    }

    private static Run run(List<String> command, int seconds) {
        File log = null;
        try {
            log = File.createTempFile("emoscope-vmic", ".log");
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Run(-1, "timed out: " + String.join(" ", command));
            }
            return new Run(p.exitValue(), Files.readString(log.toPath(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Run(-2, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Run(-3, "interrupted");
        } finally {
            if (log != null) log.delete();
        }
    }

    /** The null sink's configured latency now, from {@code pactl list sinks}, ms; NaN when it cannot say. */
    private static double sinkLatencyMs() {
        Run r = run(List.of("pactl", "list", "sinks"), 10);
        boolean inSink = false;
        for (String line : r.output().lines().toList()) {
            String s = line.strip();
            if (s.startsWith("Name: ")) inSink = s.equals("Name: " + SINK);
            Matcher m = Pattern.compile("^Latency: \\d+ usec, configured (\\d+) usec").matcher(s);
            if (inSink && m.find()) return Long.parseLong(m.group(1)) / 1000.0;
        }
        return Double.NaN;
    }

    // ---------------------------------------------------------------- the run

    /**
     * Plays {@code bursts} bursts into the virtual microphone and measures them through the app's capture path;
     * the model should be warmed up as the app does. {@code availability} must be usable ({@link #prepare}).
     */
    public static Result measure(EmotionModel model, int bursts, long seed, Availability availability)
            throws InterruptedException {
        if (availability.notMeasured() != null) return Result.notMeasured(availability.notMeasured());
        FeatureConfig fc = model.featureConfig();
        int rate = fc.sampleRate();
        AnalyzerSettings settings = AnalyzerSettings.forModel(model);
        StreamingAnalyzer analyzer = new StreamingAnalyzer(model, settings);
        Geometry g = new Geometry(rate, fc.windowSamples(), fc.hopSamples(), analyzer.windowFrames());
        Schedule schedule = schedule(bursts, rate, seed);
        double quietSeconds = QUIET_BEFORE_ONSET_SECONDS;
        long[] cpu0 = Machine.cpuTicks();
        long t0 = System.nanoTime();

        MicrophoneAudioSource mic;
        try {
            mic = MicrophoneAudioSource.open(null, rate);
        } catch (IOException e) {
            return Result.notMeasured(NO_VIRTUAL_MIC + ": " + e.getMessage());
        }
        TimedSource source = new TimedSource(mic, SOUND_SAMPLE, (int) Math.round(quietSeconds * rate));
        Recorder rec = new Recorder((int) Math.round(quietSeconds * rate / fc.hopSamples()), fc.hopSeconds());
        AnalysisSession session = analyzer.start(source, rec);
        String failure = null;
        Polls polls = new Polls(new long[0], new long[0], 0);
        double sinkLatency = Double.NaN;
        SourceDataLine line = null;
        try {
            if (!rec.awaitFrames(50, 10_000)) {
                failure = "the capture line delivered no audio in 10 s";
            } else {
                AudioFormat format = new AudioFormat(rate, 16, 1, true, false);
                line = AudioSystem.getSourceDataLine(format);
                line.open(format, rate * PLAYBACK_BUFFER_MS / 1000 * format.getFrameSize());
                line.start();
                Poller poller = new Poller(line, (int) (schedule.audio().length / (double) rate * 1200) + 10_000);
                Thread pollThread = new Thread(poller, "emoscope-bench-playback-position");
                pollThread.setDaemon(true);
                pollThread.start();
                AtomicReference<Exception> writeError = new AtomicReference<>();
                SourceDataLine out = line;
                Thread writer = new Thread(() -> write(out, schedule.audio(), rate, writeError),
                        "emoscope-bench-playback");
                writer.setDaemon(true);
                writer.start();
                writer.join(3000);
                if (writer.isAlive()) sinkLatency = sinkLatencyMs();
                writer.join((long) (schedule.audio().length * 1000.0 / rate) + 30_000);
                if (writer.isAlive()) {
                    failure = "playback did not finish in time";
                    line.close();
                    writer.join(5000);
                } else if (writeError.get() != null) {
                    failure = "playback failed: " + writeError.get().getMessage();
                } else {
                    line.drain();
                    Thread.sleep(500); // the last windows of the tail
                }
                poller.running = false;
                pollThread.join(2000);
                polls = poller.polls();
            }
        } catch (LineUnavailableException | IllegalArgumentException e) {
            failure = "cannot open a playback line to " + SINK + ": " + e.getMessage();
        } finally {
            if (line != null) line.close();
            session.stop();
            session.awaitCompletion(5, TimeUnit.SECONDS);
        }
        double runSeconds = (System.nanoTime() - t0) / 1e9;
        if (session.failure() != null && failure == null) failure = session.failure().getMessage();
        List<Window> windows = rec.windows();
        List<Onset> sampleOnsets = source.onsets();
        List<BurstRow> rows = analyze(g, polls, schedule.onsets(), sampleOnsets, rec.frameOnsets(), windows);
        double[] delivered = windows.stream().mapToDouble(w -> w.deliveredNanos() / 1e6).toArray();
        double[] intervals = Stats.intervals(delivered);
        AnalysisStats stats = session.stats();
        if (failure == null && rows.stream().noneMatch(BurstRow::matched))
            failure = "no burst was found on the capture side";
        return new Result(null, failure, availability.server(), mic.description(), mic.captureFormat(), bursts,
                settings.hopSeconds(), runSeconds, rows, windows.size(), stats.droppedWindows(),
                intervals.length == 0 ? Double.NaN : Stats.mean(intervals),
                intervals.length == 0 ? Double.NaN : Stats.max(intervals), extraOnsets(rows, sampleOnsets),
                offsetChanges(rows), pollMedianMs(polls), stepMedianMs(polls, rate), sinkLatency,
                Machine.otherProcessesCores(cpu0, Machine.cpuTicks(), runSeconds));
    }

    private static void write(SourceDataLine line, float[] audio, int rate, AtomicReference<Exception> error) {
        int chunk = rate * CHUNK_MS / 1000;
        byte[] bytes = new byte[2 * chunk];
        try {
            for (int at = 0; at < audio.length; at += chunk) {
                int n = Math.min(chunk, audio.length - at);
                for (int i = 0; i < n; i++) {
                    int s = Math.round(Math.max(-1f, Math.min(1f, audio[at + i])) * 32767);
                    bytes[2 * i] = (byte) s;
                    bytes[2 * i + 1] = (byte) (s >> 8);
                }
                int done = 0;
                while (done < 2 * n) {
                    int w = line.write(bytes, done, 2 * n - done);
                    if (w <= 0 && !line.isOpen()) throw new IOException("the playback line was closed");
                    done += Math.max(0, w);
                }
            }
        } catch (IOException | RuntimeException e) {
            error.set(e);
        }
    }

    private static double pollMedianMs(Polls p) {
        if (p.count() < 2) return Double.NaN;
        double[] gaps = new double[p.count() - 1];
        for (int i = 1; i < p.count(); i++) gaps[i - 1] = (p.nanos()[i] - p.nanos()[i - 1]) / 1e6;
        return Stats.median(gaps);
    }

    private static double stepMedianMs(Polls p, int rate) {
        List<Double> steps = new ArrayList<>();
        for (int i = 1; i < p.count(); i++) {
            long d = p.frames()[i] - p.frames()[i - 1];
            if (d > 0 && p.frames()[i - 1] > 0) steps.add(d * 1000.0 / rate);
        }
        return steps.isEmpty() ? Double.NaN : Stats.median(steps.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** Polls the playback position about every millisecond; the time is read after the position. */
    private static final class Poller implements Runnable {
        private final SourceDataLine line;
        private long[] nanos;
        private long[] frames;
        private int n;
        volatile boolean running = true;

        Poller(SourceDataLine line, int capacity) {
            this.line = line;
            this.nanos = new long[capacity];
            this.frames = new long[capacity];
        }

        @Override
        public void run() {
            while (running) {
                if (n == nanos.length) {
                    nanos = Arrays.copyOf(nanos, 2 * n);
                    frames = Arrays.copyOf(frames, 2 * n);
                }
                long f = line.getLongFramePosition();
                nanos[n] = System.nanoTime();
                frames[n] = f;
                n++;
                LockSupport.parkNanos(1_000_000);
            }
        }

        /** After the polling thread has ended. */
        Polls polls() {
            return new Polls(nanos, frames, n);
        }
    }

    /**
     * The capture source as the pipeline reads it, noting when each read returns and the first sample of each sound
     * that follows {@code quietSamples} of silence.
     */
    private static final class TimedSource extends ForwardingAudioSource {
        private final float threshold;
        private final int quietSamples;
        private final List<Onset> onsets = new ArrayList<>();
        private long position;
        private long quiet;

        TimedSource(AudioSource source, float threshold, int quietSamples) {
            super(source);
            this.threshold = threshold;
            this.quietSamples = quietSamples;
        }

        @Override
        public int read(float[] buffer, int offset, int length) throws IOException {
            int n = source.read(buffer, offset, length);
            long now = System.nanoTime();
            for (int i = 0; i < n; i++) {
                if (Math.abs(buffer[offset + i]) >= threshold) {
                    if (quiet >= quietSamples) {
                        synchronized (onsets) {
                            onsets.add(new Onset(position + i, now));
                        }
                    }
                    quiet = 0;
                } else {
                    quiet++;
                }
            }
            if (n > 0) position += n;
            return n;
        }

        List<Onset> onsets() {
            synchronized (onsets) {
                return List.copyOf(onsets);
            }
        }
    }

    /** Frame onsets (capture thread) and delivered windows (inference thread). */
    private static final class Recorder implements AnalysisListener {
        private final int quietFrames;
        private final double frameHopSeconds;
        private final List<Onset> frameOnsets = new ArrayList<>();
        private final List<Window> windows = new ArrayList<>();
        private volatile long frames;
        private long quiet;

        Recorder(int quietFrames, double frameHopSeconds) {
            this.quietFrames = quietFrames;
            this.frameHopSeconds = frameHopSeconds;
        }

        @Override
        public void onFrame(FeatureFrame f) {
            long now = System.nanoTime();
            if (f.levelDb() >= SOUND_FRAME_DB) {
                if (quiet >= quietFrames) {
                    synchronized (frameOnsets) {
                        frameOnsets.add(new Onset(f.index(), now));
                    }
                }
                quiet = 0;
            } else {
                quiet++;
            }
            frames++;
        }

        @Override
        public void onWindow(WindowResult r) {
            synchronized (windows) {
                windows.add(new Window(r.index(), Math.round(r.startSeconds() / frameHopSeconds), r.speech(),
                        r.producedNanos(), r.deliveredNanos()));
            }
        }

        boolean awaitFrames(long count, long millis) throws InterruptedException {
            long end = System.nanoTime() + millis * 1_000_000;
            while (frames < count) {
                if (System.nanoTime() > end) return false;
                Thread.sleep(20);
            }
            return true;
        }

        List<Onset> frameOnsets() {
            synchronized (frameOnsets) {
                return List.copyOf(frameOnsets);
            }
        }

        List<Window> windows() {
            synchronized (windows) {
                return List.copyOf(windows);
            }
        }
    }
}
