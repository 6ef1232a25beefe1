package org.emoscope.features;

/**
 * Truncated orthonormal DCT-II (scipy {@code dct(type=2, norm='ortho')}, first {@code outputs} terms):
 * {@code c[j] = s_j sum_m x[m] cos(pi j (2m + 1) / (2 M))} with {@code s_0 = sqrt(1/M)}, {@code s_j = sqrt(2/M)}.
 * Immutable and thread-safe.
 */
final class OrthoDct {

    private final int inputs;
    private final double[][] basis;

    OrthoDct(int inputs, int outputs) {
        if (inputs < 1 || outputs < 1 || outputs > inputs) {
            throw new IllegalArgumentException("need 1 <= outputs <= inputs, got " + outputs + " of " + inputs);
        }
        this.inputs = inputs;
        basis = new double[outputs][inputs];
        for (int j = 0; j < outputs; j++) {
            double scale = Math.sqrt((j == 0 ? 1.0 : 2.0) / inputs);
            for (int m = 0; m < inputs; m++) {
                basis[j][m] = scale * Math.cos(Math.PI * j * (2 * m + 1) / (2.0 * inputs));
            }
        }
    }

    /** Writes the first {@code outputs} DCT-II coefficients of {@code in} (length {@code inputs}) to {@code out}. */
    void transform(double[] in, float[] out) {
        if (in.length != inputs || out.length != basis.length) {
            throw new IllegalArgumentException("expected " + inputs + " inputs and " + basis.length + " outputs, got "
                    + in.length + " and " + out.length);
        }
        for (int j = 0; j < basis.length; j++) {
            double[] row = basis[j];
            double sum = 0;
            for (int m = 0; m < inputs; m++) {
                sum += row[m] * in[m];
            }
            out[j] = (float) sum;
        }
    }
}
