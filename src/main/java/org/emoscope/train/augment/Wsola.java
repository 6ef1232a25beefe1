package org.emoscope.train.augment;

/**
 * Offline time-scale modification by WSOLA (waveform-similarity overlap-add, Verhelst &amp; Roelands 1993):
 * changes duration, keeps pitch. Frames of 32 ms under a periodic Hann window are overlap-added at a fixed
 * synthesis hop of half a frame; each frame is read from the input near its nominal (time-scaled) position, shifted
 * within +/-10 ms to where it best continues the previously copied frame (maximum normalised cross-correlation
 * with that frame's natural continuation). The windows sum to exactly one, so a length-preserving call returns the
 * input unchanged. Each frame comes from within 10 ms of its nominal input time; as the search favours the
 * natural continuation, lengthening tends to read a few ms after the nominal time and shortening a few ms before
 * it (about 8 ms on a fast pitch glide).
 */
final class Wsola {

    private final int frame;
    private final int hop;
    private final int tolerance;
    private final double[] window;

    Wsola(int sampleRate) {
        frame = 2 * (int) Math.round(0.016 * sampleRate);
        hop = frame / 2;
        tolerance = (int) Math.round(0.010 * sampleRate);
        window = new double[frame];
        for (int i = 0; i < frame; i++) window[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / frame);
    }

    /** {@code x} played over {@code length} samples at the same pitch. */
    float[] toLength(float[] x, int length) {
        if (length == x.length) return x.clone();
        float[] y = new float[length];
        if (length == 0 || x.length == 0) return y;
        double analysisHop = hop * (double) x.length / length;
        int frames = (length + frame / 2) / hop + 1;
        int pad = frame + tolerance + hop + (int) Math.ceil(analysisHop);
        double[] in = new double[x.length + 2 * pad];
        for (int i = 0; i < x.length; i++) in[pad + i] = x[i];
        double[] out = new double[length];
        int previous = 0;
        for (int k = 0; k < frames; k++) {
            int nominal = pad + (int) Math.round(k * analysisHop) - frame / 2;
            int start = k == 0 ? nominal : bestMatch(in, previous + hop, nominal);
            int outStart = k * hop - frame / 2;
            for (int i = Math.max(0, -outStart); i < frame && outStart + i < length; i++) {
                out[outStart + i] += window[i] * in[start + i];
            }
            previous = start;
        }
        for (int i = 0; i < length; i++) y[i] = (float) out[i];
        return y;
    }

    /** Start within {@code nominal +/- tolerance} whose frame best matches the frame at {@code natural}. */
    private int bestMatch(double[] in, int natural, int nominal) {
        int best = nominal;
        double bestScore = similarity(in, natural, nominal);
        for (int d = -tolerance; d <= tolerance; d++) {
            double score = similarity(in, natural, nominal + d);
            if (score > bestScore) {
                bestScore = score;
                best = nominal + d;
            }
        }
        return best;
    }

    private double similarity(double[] in, int reference, int candidate) {
        double cross = 0;
        double energy = 1e-12;
        for (int i = 0; i < frame; i++) {
            double c = in[candidate + i];
            cross += in[reference + i] * c;
            energy += c * c;
        }
        return cross / Math.sqrt(energy);
    }
}
