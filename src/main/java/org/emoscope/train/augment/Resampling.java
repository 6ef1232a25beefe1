package org.emoscope.train.augment;

import be.tarsos.dsp.resample.Resampler;

import java.nio.FloatBuffer;

/**
 * Band-limited resampling of a whole signal to an exact length, with TarsosDSP's high-quality (libresample) filter.
 *
 * <p>Why not {@link org.emoscope.audio.Resampler}, the decoders' and microphones' converter: that one converts
 * between two sample rates (streaming, bit-exact whatever the block sizes), while pitch shift changes a signal's length
 * by an arbitrary factor. It could do this too (the two lengths as the "rates"), but its filter is another filter:
 * every pitch-shifted training copy would change, and the feature caches, keyed by the augmentation's name and not
 * by the code that made it, would go on serving features of the old copies beside new ones. Changing it is a
 * decision about training data, to be made with a retraining, not a tidy-up.
 */
final class Resampling {

    private Resampling() {
    }

    /**
     * {@code x} resampled by {@code length / x.length} (low-pass filtered first when shortening), so that played at
     * the original rate every frequency is scaled by {@code x.length / length}.
     */
    static float[] toLength(float[] x, int length) {
        if (length == x.length) return x.clone();
        float[] y = new float[length];
        if (length == 0 || x.length == 0) return y;
        double factor = (double) length / x.length;
        Resampler resampler = new Resampler(true, factor, factor);
        FloatBuffer in = FloatBuffer.wrap(x);
        FloatBuffer out = FloatBuffer.wrap(y);
        while (out.hasRemaining()) {
            int consumed = in.position();
            int produced = out.position();
            resampler.process(factor, in, true, out);
            if (in.position() == consumed && out.position() == produced) break;
        }
        return y;
    }
}
