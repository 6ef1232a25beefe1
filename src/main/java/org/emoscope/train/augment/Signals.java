package org.emoscope.train.augment;

/** Sample-array measurements and clean-ups shared by the augmentations. */
final class Signals {

    /** Frame length of the active-part measurement: 20 ms. */
    static final int FRAME = Augmentation.SAMPLE_RATE / 50;
    /** A frame is active if its power is within this many dB of the loudest frame's. */
    static final double ACTIVE_RANGE_DB = 40;

    private Signals() {
    }

    /** @throws IllegalArgumentException if any sample is NaN or infinite */
    static void requireFinite(float[] samples) {
        for (int i = 0; i < samples.length; i++) {
            if (!Float.isFinite(samples[i]))
                throw new IllegalArgumentException("sample " + i + " is not finite: " + samples[i]);
        }
    }

    /** Hard-clips {@code samples} to [-1, 1] in place and returns it. */
    static float[] clip(float[] samples) {
        for (int i = 0; i < samples.length; i++) samples[i] = Math.max(-1f, Math.min(1f, samples[i]));
        return samples;
    }

    /** Mean square of all samples; 0 for an empty array. */
    static double power(float[] samples) {
        double sum = 0;
        for (float s : samples) sum += (double) s * s;
        return samples.length == 0 ? 0 : sum / samples.length;
    }

    /**
     * Mean square over the active part: the consecutive {@link #FRAME 20 ms} frames (the last one possibly shorter)
     * whose power is within {@link #ACTIVE_RANGE_DB 40 dB} of the loudest frame's. 0 for digital silence.
     */
    static double activePower(float[] samples) {
        int frames = (samples.length + FRAME - 1) / FRAME;
        double[] power = new double[frames];
        double loudest = 0;
        for (int f = 0; f < frames; f++) {
            int from = f * FRAME;
            int to = Math.min(samples.length, from + FRAME);
            double sum = 0;
            for (int i = from; i < to; i++) sum += (double) samples[i] * samples[i];
            power[f] = sum / (to - from);
            loudest = Math.max(loudest, power[f]);
        }
        if (loudest == 0) return 0;
        double threshold = loudest * Math.pow(10, -ACTIVE_RANGE_DB / 10);
        double sum = 0;
        long count = 0;
        for (int f = 0; f < frames; f++) {
            if (power[f] < threshold) continue;
            int length = Math.min(samples.length, (f + 1) * FRAME) - f * FRAME;
            sum += power[f] * length;
            count += length;
        }
        return sum / count;
    }
}
