package org.emoscope.features;

/**
 * Truncated orthonormal DCT-II (scipy {@code dct(type=2, norm='ortho')}, first {@code outputs} terms):
 * {@code c[j] = s_j sum_m x[m] cos(pi j (2m + 1) / (2 M))} with {@code s_0 = sqrt(1/M)}, {@code s_j = sqrt(2/M)}.
 * The rows of the basis are orthonormal, so the transpose ({@link #toLogMel}) maps cepstral coefficients back to the
 * log-mel values they describe (the cepstrally smoothed spectrum), and a gradient with respect to the coefficients to
 * the gradient with respect to the log-mel values. Immutable and thread-safe.
 */
public final class OrthoDct {

    private final int inputs;
    private final double[][] basis;

    /** The DCT that turns {@code config}'s log-mel frames into its MFCCs. */
    public static OrthoDct of(FeatureConfig config) {
        return new OrthoDct(config.melFilters(), config.coefficients());
    }

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
    public void transform(double[] in, float[] out) {
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

    /**
     * The transpose: {@code out[m] = sum_j basis[j][m] coefficients[j]}, for {@code coefficients} of length
     * {@code outputs}; {@code out} has {@code inputs} values. Applied to MFCCs it gives the log-mel frame they keep
     * (exactly the input when no coefficient was dropped); applied to a gradient with respect to the MFCCs, the
     * gradient with respect to the log-mel input.
     */
    public double[] toLogMel(double[] coefficients) {
        if (coefficients.length != basis.length)
            throw new IllegalArgumentException("expected " + basis.length + " coefficients, got " + coefficients.length);
        double[] out = new double[inputs];
        for (int j = 0; j < basis.length; j++) {
            double[] row = basis[j];
            double a = coefficients[j];
            if (a == 0) continue;
            for (int m = 0; m < inputs; m++) out[m] += row[m] * a;
        }
        return out;
    }

    /** Number of log-mel inputs. */
    public int inputs() {
        return inputs;
    }

    /** Number of coefficients kept. */
    public int outputs() {
        return basis.length;
    }
}
