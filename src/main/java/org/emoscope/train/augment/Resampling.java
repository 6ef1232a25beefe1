package org.emoscope.train.augment;

import be.tarsos.dsp.resample.Resampler;

import java.nio.FloatBuffer;

/** Band-limited resampling of a whole signal to an exact length, with TarsosDSP's high-quality (libresample) filter. */
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
