package org.emoscope.audio;

import java.util.Arrays;
import java.util.Objects;

/**
 * Band-limited sample-rate converter for any pair of integer rates: a Kaiser-windowed sinc low-pass filter evaluated
 * in polyphase form. The pass band ends at 90% of the lower of the two Nyquist frequencies and the stop band
 * (at least 80 dB down) starts exactly at that Nyquist frequency, so downsampling does not alias and upsampling
 * leaves no images. The filter is zero-phase: output sample {@code n} is the input interpolated at time
 * {@code n / toRate}, so nothing is delayed or shifted.
 *
 * <p>Use {@link #resample} for a whole signal, or an instance as a stateful stream: {@link #process} each block as
 * it arrives, then {@link #flush} once at the end. The concatenated stream output equals the offline output sample
 * for sample (bit for bit), whatever the block sizes. An instance is not thread-safe.
 *
 * <p>The output has {@link #outputLength ceil(inputLength * toRate / fromRate)} samples. Rate ratios that reduce
 * to at most 1024 filter phases (44100:16000 needs 160) use exact coefficients; others interpolate linearly
 * between 1024 precomputed phases.
 *
 * <p>Augmentation's pitch shift resamples with TarsosDSP's filter instead ({@code train.augment.Resampling}): it
 * changes a signal's length by an arbitrary factor, and its copies, and the feature caches that hold them, were made
 * with that filter (see there).
 */
public final class Resampler {

    private static final double STOPBAND_ATTENUATION_DB = 80;
    private static final double PASSBAND_FRACTION = 0.9;
    private static final int MAX_EXACT_PHASES = 1024;

    private final int fromRate;
    private final int toRate;
    /** The rate ratio reduced: toRate / fromRate = up / down. */
    private final int up;
    private final int down;
    /** Input samples each side of the interpolation point; even, so {@link #taps} is a multiple of 4. */
    private final int half;
    private final int taps;
    /** Number of stored filter phases; equals {@link #up} when exact. */
    private final int phases;
    /** (phases + 1) rows of {@link #taps} coefficients; row r interpolates at fractional offset r / phases. */
    private final float[] coefficients;

    private float[] buffer;
    private int bufferLength;
    /** Absolute input index of {@code buffer[0]} (negative indices are the zeros before the signal). */
    private long bufferStart;
    private long inputCount;
    private long outputCount;
    /** Input position of the next output: integer part and numerator of the fraction (denominator {@link #up}). */
    private long nextIndex;
    private int nextPhase;
    private boolean flushed;

    /**
     * Creates a streaming resampler.
     *
     * @throws IllegalArgumentException if a rate is not positive
     */
    public Resampler(int fromRate, int toRate) {
        if (fromRate <= 0 || toRate <= 0) {
            throw new IllegalArgumentException("sample rates must be positive: " + fromRate + " -> " + toRate);
        }
        this.fromRate = fromRate;
        this.toRate = toRate;
        int gcd = gcd(fromRate, toRate);
        this.up = toRate / gcd;
        this.down = fromRate / gcd;
        if (fromRate == toRate) {
            half = 0;
            taps = 0;
            phases = 0;
            coefficients = new float[0];
            return;
        }
        double lowNyquist = Math.min(fromRate, toRate) / 2.0;
        double cutoff = (1 + PASSBAND_FRACTION) / 2 * lowNyquist / fromRate;
        double transition = 2 * Math.PI * (1 - PASSBAND_FRACTION) * lowNyquist / fromRate;
        int length = (int) Math.ceil((STOPBAND_ATTENUATION_DB - 7.95) / (2.285 * transition)) + 1;
        this.half = ((length + 3) / 4) * 2;
        this.taps = 2 * half;
        this.phases = Math.min(up, MAX_EXACT_PHASES);
        this.coefficients = designFilter(cutoff, half, phases);
        this.buffer = new float[Math.max(4 * taps, 4096)];
        this.bufferLength = half - 1;
        this.bufferStart = 1 - half;
    }

    /**
     * Resamples a whole signal. Returns a copy when the rates are equal.
     *
     * @throws IllegalArgumentException if a rate is not positive
     */
    public static float[] resample(float[] in, int fromRate, int toRate) {
        Objects.requireNonNull(in, "in");
        Resampler resampler = new Resampler(fromRate, toRate);
        return resampler.isIdentity() ? in.clone() : resampler.resampleAll(in);
    }

    /**
     * Number of output samples for {@code inputLength} input samples: {@code ceil(inputLength * toRate / fromRate)}.
     *
     * @throws IllegalArgumentException if a rate is not positive
     */
    public static long outputLength(long inputLength, int fromRate, int toRate) {
        if (fromRate <= 0 || toRate <= 0) {
            throw new IllegalArgumentException("sample rates must be positive: " + fromRate + " -> " + toRate);
        }
        int gcd = gcd(fromRate, toRate);
        return ceilDiv(inputLength * (toRate / gcd), fromRate / gcd);
    }

    /** Input sample rate, Hz. */
    public int fromRate() {
        return fromRate;
    }

    /** Output sample rate, Hz. */
    public int toRate() {
        return toRate;
    }

    /**
     * Pushes a block of input and returns the output samples that can now be computed (possibly none: the filter
     * needs some input beyond each output's position).
     *
     * @throws IllegalStateException after {@link #flush()}
     */
    public float[] process(float[] in, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, in.length);
        if (flushed) throw new IllegalStateException("process() after flush()");
        inputCount += length;
        if (isIdentity()) return Arrays.copyOfRange(in, offset, offset + length);
        append(in, offset, length);
        return produce(Long.MAX_VALUE);
    }

    /**
     * Ends the stream: returns the remaining output samples (the signal is taken to be zero after its end). Call once;
     * the resampler cannot be used afterwards.
     *
     * @throws IllegalStateException if already flushed
     */
    public float[] flush() {
        if (flushed) throw new IllegalStateException("flush() called twice");
        flushed = true;
        if (isIdentity()) return new float[0];
        append(new float[half], 0, half);
        return produce(outputLength(inputCount, fromRate, toRate));
    }

    private boolean isIdentity() {
        return fromRate == toRate;
    }

    private float[] resampleAll(float[] in) {
        long total = outputLength(in.length, fromRate, toRate);
        if (total > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("output too long: " + total + " samples");
        float[] out = new float[(int) total];
        float[] edge = new float[taps];
        long index = 0;
        int phase = 0;
        int step = down / up;
        int stepFraction = down % up;
        for (int n = 0; n < out.length; n++) {
            long first = index - half + 1;
            if (first >= 0 && first + taps <= in.length) {
                out[n] = interpolate(in, (int) first, phase);
            } else {
                for (int k = 0; k < taps; k++) {
                    long i = first + k;
                    edge[k] = i >= 0 && i < in.length ? in[(int) i] : 0f;
                }
                out[n] = interpolate(edge, 0, phase);
            }
            index += step;
            phase += stepFraction;
            if (phase >= up) {
                phase -= up;
                index++;
            }
        }
        return out;
    }

    private void append(float[] in, int offset, int length) {
        long keepFrom = nextIndex - half + 1;
        int drop = (int) Math.min(Math.max(0, keepFrom - bufferStart), bufferLength);
        if (drop > 0) {
            System.arraycopy(buffer, drop, buffer, 0, bufferLength - drop);
            bufferLength -= drop;
            bufferStart += drop;
        }
        if (bufferLength + length > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(bufferLength + length, 2 * buffer.length));
        }
        System.arraycopy(in, offset, buffer, bufferLength, length);
        bufferLength += length;
    }

    /** Computes every output whose filter window lies inside the buffer, up to {@code limit} outputs in total. */
    private float[] produce(long limit) {
        long lastUsable = bufferStart + bufferLength - 1 - half;
        long available = lastUsable < 0 ? 0 : ceilDiv((lastUsable + 1) * up, down);
        int count = (int) Math.max(0, Math.min(available, limit) - outputCount);
        float[] out = new float[count];
        int step = down / up;
        int stepFraction = down % up;
        for (int n = 0; n < count; n++) {
            int first = (int) (nextIndex - half + 1 - bufferStart);
            out[n] = interpolate(buffer, first, nextPhase);
            nextIndex += step;
            nextPhase += stepFraction;
            if (nextPhase >= up) {
                nextPhase -= up;
                nextIndex++;
            }
        }
        outputCount += count;
        return out;
    }

    /** One output sample: the filter at fractional offset {@code phase / up} over {@code src[first .. first+taps)}. */
    private float interpolate(float[] src, int first, int phase) {
        if (phases == up) return dot(src, first, phase);
        long scaled = (long) phase * phases;
        int row = (int) (scaled / up);
        float weight = (float) ((scaled % up) / (double) up);
        float a = dot(src, first, row);
        return weight == 0f ? a : a + weight * (dot(src, first, row + 1) - a);
    }

    private float dot(float[] src, int first, int row) {
        float[] c = coefficients;
        int base = row * taps;
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        for (int k = 0; k < taps; k += 4) {
            s0 += src[first + k] * c[base + k];
            s1 += src[first + k + 1] * c[base + k + 1];
            s2 += src[first + k + 2] * c[base + k + 2];
            s3 += src[first + k + 3] * c[base + k + 3];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * Rows r = 0..phases of the windowed-sinc low-pass filter at fractional offset r / phases; coefficient k of a
     * row weights input sample {@code floor(t) - half + 1 + k} for an output at input time t. Each row is
     * normalised to unit sum, so DC passes exactly.
     */
    private static float[] designFilter(double cutoff, int half, int phases) {
        int taps = 2 * half;
        double beta = 0.1102 * (STOPBAND_ATTENUATION_DB - 8.7);
        double i0Beta = besselI0(beta);
        float[] table = new float[(phases + 1) * taps];
        double[] row = new double[taps];
        for (int r = 0; r <= phases; r++) {
            double fraction = r / (double) phases;
            double sum = 0;
            for (int k = 0; k < taps; k++) {
                double x = fraction + half - 1 - k;
                double ratio = x / half;
                double window = Math.abs(ratio) >= 1 ? 0 : besselI0(beta * Math.sqrt(1 - ratio * ratio)) / i0Beta;
                row[k] = 2 * cutoff * sinc(2 * cutoff * x) * window;
                sum += row[k];
            }
            for (int k = 0; k < taps; k++) {
                table[r * taps + k] = (float) (row[k] / sum);
            }
        }
        return table;
    }

    private static double sinc(double x) {
        return x == 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
    }

    /** Modified Bessel function of the first kind, order 0 (power series). */
    private static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        double quarterSquare = x * x / 4;
        for (int k = 1; term > 1e-12 * sum; k++) {
            term *= quarterSquare / ((double) k * k);
            sum += term;
        }
        return sum;
    }

    private static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
