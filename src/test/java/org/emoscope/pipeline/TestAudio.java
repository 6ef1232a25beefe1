package org.emoscope.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;

/** Synthetic signals and WAV files for pipeline and CLI tests. */
public final class TestAudio {

    private TestAudio() {
    }

    /**
     * A voiced-speech-like signal at -12 dBFS or so: a harmonic source whose pitch moves as intonation does (a
     * base of 120-200 Hz swinging by 12% two and a half times a second), with a slow amplitude envelope. A pitch that
     * held still would be a tone, not a voice, to the speech detector.
     */
    public static float[] voiced(double seconds, int rate, long seed) {
        int n = (int) Math.round(seconds * rate);
        float[] x = new float[n];
        SplittableRandom r = new SplittableRandom(seed);
        double f0 = 120 + r.nextDouble() * 80;
        double phase = 0;
        for (int i = 0; i < n; i++) {
            double t = i / (double) rate;
            double env = 0.5 + 0.5 * Math.sin(2 * Math.PI * 3 * t);
            phase += 2 * Math.PI * f0 * (1 + 0.12 * Math.sin(2 * Math.PI * 2.5 * t)) / rate;
            double s = 0;
            for (int h = 1; h <= 10; h++) s += Math.sin(h * phase) / h;
            x[i] = (float) (0.15 * env * s + 0.005 * (r.nextDouble() - 0.5));
        }
        return x;
    }

    public static float[] silence(double seconds, int rate) {
        return new float[(int) Math.round(seconds * rate)];
    }

    public static float[] concat(float[]... parts) {
        int n = 0;
        for (float[] p : parts) n += p.length;
        float[] out = new float[n];
        int o = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, out, o, p.length);
            o += p.length;
        }
        return out;
    }

    /** Writes 16-bit mono PCM WAV. */
    public static Path writeWav(Path file, float[] x, int rate) throws IOException {
        return org.emoscope.audio.WavWriter.write16(file, x, rate);
    }
}
