package org.emoscope.features.speech;

import java.util.Arrays;
import java.util.List;

/**
 * Decides frame by frame whether a stream holds speech, in noise that may be as loud as the speech less 10 dB.
 * It uses what speech has and steady noise lacks:
 * <ol>
 *   <li><b>Distance from the noise spectrum.</b> Each mel band's power is smoothed over about 50 ms and its noise
 *       level tracked by minimum statistics (the least smoothed power of the last {@code noiseWindowSeconds}, in
 *       sub-windows, times a bias factor). The frame's SNR is the mean over bands of the positive part of the band
 *       SNR in dB: steady noise of any colour and level sits near 0, speech lifts the bands its formants cross.</li>
 *   <li><b>Voicing.</b> A frame that YIN finds periodic at a voice's pitch counts at a lower SNR.</li>
 *   <li><b>Pitch that moves.</b> Speech intonation never holds one pitch: a periodic stretch (at any pitch) whose
 *       pitch stays within {@code tonalSemitones} for {@code tonalSeconds} is a tone (a hum's harmonic, a held
 *       musical note), and its frames are not speech.</li>
 * </ol>
 * Frames quieter than an absolute floor are never speech and do not feed the noise estimate. A hangover keeps
 * short gaps between syllables in.
 * One instance per stream, fed in order; not thread-safe.
 */
public final class SpeechDetector {

    /**
     * The detector's thresholds.
     *
     * @param absoluteFloorDb    a frame quieter than this (RMS, dBFS) is never speech
     * @param snrDb              a frame is speech when its mean band SNR reaches this
     * @param voicedSnrDb        ... or this, when it is voiced and not tonal
     * @param voicing            periodicity from which a frame is voiced
     * @param noiseWindowSeconds the span whose least power is the noise (minimum statistics)
     * @param noiseBiasDb        the minimum of a fluctuating power lies below its mean: added back
     * @param hangoverSeconds    a frame after speech stays speech this long
     * @param tonalSemitones     largest pitch spread (max - min) of a tone
     * @param tonalSeconds       how long a pitch must hold within that spread to be a tone
     * @param tonalPeriodicity   periodicity from which a frame's pitch counts towards a tone (lower than
     *                           {@code voicing}: chords and decaying notes are less periodic than one voice)
     */
    public record Settings(double absoluteFloorDb, double snrDb, double voicedSnrDb, double voicing,
                           double noiseWindowSeconds, double noiseBiasDb, double hangoverSeconds,
                           double tonalSemitones, double tonalSeconds, double tonalPeriodicity) {

        /** Values tuned on RAVDESS and TESS mixed with generated noises (docs/robustness.md). */
        public static Settings defaults() {
            return new Settings(-70, 3.0, 1.5, 0.75, 1.5, 3.0, 0.15, 0.3, 0.1, 0.5);
        }

        public Settings {
            if (!(noiseWindowSeconds > 0) || !(hangoverSeconds >= 0) || !(tonalSeconds > 0))
                throw new IllegalArgumentException("times must be positive");
            if (!(voicing >= 0 && voicing <= 1)) throw new IllegalArgumentException("voicing must be in [0, 1]");
        }
    }

    /**
     * One frame's decision.
     *
     * @param speech     whether the frame is speech (after the hangover)
     * @param snrDb      mean positive band SNR against the tracked noise, dB
     * @param toneFrames when the frame belongs to a held tone, how many frames the tone has lasted, this one
     *                   included (the periodic run it ends): a caller that can still revise decisions should take
     *                   those back; else 0
     */
    public record Decision(boolean speech, double snrDb, int toneFrames) {

        /** Whether the frame belongs to a held tone. */
        public boolean tonal() {
            return toneFrames > 0;
        }
    }

    private static final int SUB_WINDOWS = 5;
    private static final double SMOOTHING = 0.8;

    private final Settings settings;
    private final int bands;
    private final int subLength;
    private final int hangoverFrames;
    private final int tonalFrames;
    private final double bias;
    private final double[] smoothed;
    private final double[] currentMin;
    private final double[][] pastMins;
    private final double[] recentPitch;

    private int pastCount;
    private int inSub;
    private long frames;
    private int hangover;
    private int voicedRun;

    /**
     * @param bands        mel bands per frame
     * @param frameSeconds time between frames
     */
    public SpeechDetector(Settings settings, int bands, double frameSeconds) {
        this.settings = settings;
        this.bands = bands;
        int window = Math.max(SUB_WINDOWS, (int) Math.round(settings.noiseWindowSeconds() / frameSeconds));
        this.subLength = Math.max(1, window / SUB_WINDOWS);
        this.hangoverFrames = (int) Math.round(settings.hangoverSeconds() / frameSeconds);
        this.tonalFrames = Math.max(2, (int) Math.round(settings.tonalSeconds() / frameSeconds));
        this.bias = Math.pow(10, settings.noiseBiasDb() / 10);
        this.smoothed = new double[bands];
        this.currentMin = new double[bands];
        this.pastMins = new double[SUB_WINDOWS][bands];
        this.recentPitch = new double[tonalFrames];

        Arrays.fill(currentMin, Double.POSITIVE_INFINITY);
    }

    /** The detector with the default settings. */
    public static SpeechDetector defaults(int bands, double frameSeconds) {
        return new SpeechDetector(Settings.defaults(), bands, frameSeconds);
    }

    /**
     * Starts the noise estimate from frames ahead of the stream (a file's first seconds) instead of from nothing,
     * so that a short file that starts with speech is judged against the noise it will show in its pauses. Frames
     * below the absolute floor (digital silence) are left out, as in {@link #next}. Call before the first
     * {@link #next}.
     *
     * @param logMelDb the frames' log-mel energies, dB
     * @param levelDb  the frames' RMS levels, dBFS
     */
    public void prime(List<float[]> logMelDb, List<Double> levelDb) {
        if (frames > 0) throw new IllegalStateException("prime before the first frame");
        double[] s = new double[bands];
        double[] min = new double[bands];
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        boolean first = true;
        for (int f = 0; f < logMelDb.size(); f++) {
            if (levelDb.get(f) < settings.absoluteFloorDb()) continue;
            float[] frame = logMelDb.get(f);
            for (int k = 0; k < bands; k++) {
                double p = Math.pow(10, frame[k] / 10);
                s[k] = first ? p : SMOOTHING * s[k] + (1 - SMOOTHING) * p;
                min[k] = Math.min(min[k], s[k]);
            }
            first = false;
        }
        if (first) return;
        for (double[] past : pastMins) System.arraycopy(min, 0, past, 0, bands);
        pastCount = SUB_WINDOWS;
        System.arraycopy(min, 0, smoothed, 0, bands);
        tracking = true;
    }

    /** Whether {@link #smoothed} holds a power yet (an audible frame has come, or priming gave one). */
    private boolean tracking;
    /**
     * Audible frames still to pass before the noise minimum may take the smoothed power again: after silence, the
     * frame where sound begins (partly silent) and the smoothing's rise from it are lower than the sound itself
     * and would pass for its noise floor.
     */
    private int settle = SETTLE_FRAMES;
    private static final int SETTLE_FRAMES = 10;

    /** The noise power of band {@code k} now (linear), as {@link #next} uses it. */
    double noise(int k) {
        double m = currentMin[k];
        for (int i = 0; i < pastCount; i++) m = Math.min(m, pastMins[i][k]);
        return m * bias;
    }

    /**
     * Judges the next frame.
     *
     * @param levelDb     the frame's RMS level, dBFS
     * @param logMelDb    its log-mel band energies, dB
     * @param periodicity its voicing (0..1), from {@link VoicingProcessor}
     * @param pitchHz     its pitch (any, from {@link VoicingProcessor}), or a negative value when aperiodic
     */
    public Decision next(double levelDb, float[] logMelDb, double periodicity, double pitchHz) {
        double snr = 0;
        boolean audible = levelDb >= settings.absoluteFloorDb();
        if (audible) { // digital silence (a muted line, zero padding) says nothing about the noise to come
            for (int k = 0; k < bands; k++) {
                double p = Math.pow(10, logMelDb[k] / 10);
                smoothed[k] = tracking ? SMOOTHING * smoothed[k] + (1 - SMOOTHING) * p : p;
                if (settle == 0) currentMin[k] = Math.min(currentMin[k], smoothed[k]);
                double n = noise(k);
                if (n > 0 && n < Double.POSITIVE_INFINITY) snr += Math.max(0, 10 * Math.log10(smoothed[k] / n));
            }
            tracking = true;
            if (settle > 0) settle--;
            snr /= bands;
            if (++inSub == subLength) {
                double[] oldest = pastMins[SUB_WINDOWS - 1];
                System.arraycopy(pastMins, 0, pastMins, 1, SUB_WINDOWS - 1);
                System.arraycopy(currentMin, 0, oldest, 0, bands);
                pastMins[0] = oldest;
                pastCount = Math.min(SUB_WINDOWS, pastCount + 1);
                Arrays.fill(currentMin, Double.POSITIVE_INFINITY);
                inSub = 0;
            }
        } else {
            settle = SETTLE_FRAMES;
        }
        frames++;
        boolean pitched = periodicity >= settings.tonalPeriodicity() && pitchHz > 0;
        boolean voiced = periodicity >= settings.voicing() && pitchHz >= VoicingProcessor.MIN_HZ
                && pitchHz <= VoicingProcessor.MAX_HZ;
        boolean tonal = false;
        if (pitched) {
            recentPitch[voicedRun % tonalFrames] = 12 * Math.log(pitchHz) / Math.log(2);
            voicedRun++;
            if (voicedRun >= tonalFrames) {
                double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
                for (double st : recentPitch) {
                    lo = Math.min(lo, st);
                    hi = Math.max(hi, st);
                }
                tonal = hi - lo <= settings.tonalSemitones();
            }
        } else {
            voicedRun = 0;
        }
        boolean raw = audible && !tonal && (snr >= settings.snrDb() || voiced && snr >= settings.voicedSnrDb());
        if (raw) hangover = hangoverFrames;
        else if (tonal) hangover = 0;
        boolean speech = raw || hangover-- > 0 && audible;
        if (hangover < 0) hangover = 0;
        return new Decision(speech, snr, tonal ? voicedRun : 0);
    }
}
