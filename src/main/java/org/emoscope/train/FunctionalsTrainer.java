package org.emoscope.train;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.emoscope.features.functionals.Functionals;
import org.emoscope.model.FunctionalsClassifier;

/**
 * Trains a {@link FunctionalsClassifier} on windows' statistics: standardisation fitted on the training rows, dense
 * layers (none hidden: multinomial logistic regression) trained by Adam on a weighted cross-entropy with an L2
 * penalty. Each row carries the classes its corpus has: the softmax runs over those only, so a six-class corpus's
 * utterance says nothing for or against the class that corpus lacks. Row weights (see {@link #balancedWeights})
 * keep one corpus, class or long recording from dominating. Deterministic for a given seed.
 *
 * @param hidden    units of the one hidden layer, 0 for none
 * @param epochs    passes over the rows
 * @param l2        weight decay on the weights (not the biases)
 * @param learningRate Adam's step size
 * @param batch     rows per step
 */
public record FunctionalsTrainer(int hidden, int epochs, double l2, double learningRate, int batch) {

    /** One training row. */
    public record Row(float[] functionals, int label, boolean[] allowed, double weight, String corpus) {
    }

    /** Logistic regression, 40 epochs, L2 1e-3. */
    public static FunctionalsTrainer logistic() {
        return new FunctionalsTrainer(0, 40, 1e-3, 3e-3, 256);
    }

    /** One hidden layer of 64 ReLU units, 40 epochs, L2 1e-3. */
    public static FunctionalsTrainer mlp() {
        return new FunctionalsTrainer(64, 40, 1e-3, 2e-3, 256);
    }

    public FunctionalsTrainer {
        if (hidden < 0 || epochs < 1 || !(l2 >= 0) || !(learningRate > 0) || batch < 1)
            throw new IllegalArgumentException("bad functionals trainer settings");
    }

    /**
     * Row weights that give every corpus the same total weight, every class present in a corpus the same share of
     * it, and every recording of a (corpus, class) the same share of that, however many windows it has.
     *
     * @param rows    per row: its corpus, class and recording (any key), as {@code [corpus, class, recording]}
     * @return one weight per row, averaging 1
     */
    public static double[] balancedWeights(List<String[]> rows) {
        java.util.Map<String, Integer> perRecording = new java.util.HashMap<>();
        java.util.Map<String, java.util.Set<String>> recordingsOfCell = new java.util.HashMap<>();
        java.util.Map<String, java.util.Set<String>> classesOfCorpus = new java.util.HashMap<>();
        for (String[] r : rows) {
            perRecording.merge(r[2], 1, Integer::sum);
            recordingsOfCell.computeIfAbsent(r[0] + "|" + r[1], k -> new java.util.HashSet<>()).add(r[2]);
            classesOfCorpus.computeIfAbsent(r[0], k -> new java.util.HashSet<>()).add(r[1]);
        }
        double corpora = classesOfCorpus.size();
        double[] w = new double[rows.size()];
        for (int i = 0; i < w.length; i++) {
            String[] r = rows.get(i);
            w[i] = 1.0 / corpora / classesOfCorpus.get(r[0]).size()
                    / recordingsOfCell.get(r[0] + "|" + r[1]).size() / perRecording.get(r[2]);
        }
        double mean = 0;
        for (double v : w) mean += v / w.length;
        for (int i = 0; i < w.length; i++) w[i] /= mean;
        return w;
    }

    /** Trains on {@code rows} for {@code classes} classes. */
    public FunctionalsClassifier train(List<Row> rows, int classes, long seed) {
        if (rows.isEmpty()) throw new IllegalArgumentException("no rows to train on");
        int d = Functionals.size();
        float[] mean = new float[d], scale = new float[d];
        for (int j = 0; j < d; j++) {
            double s = 0, ss = 0;
            int n = 0;
            for (Row r : rows) {
                float v = r.functionals()[j];
                if (Float.isNaN(v)) continue;
                s += v;
                ss += (double) v * v;
                n++;
            }
            double m = n > 0 ? s / n : 0;
            double var = n > 1 ? ss / n - m * m : 0;
            mean[j] = (float) m;
            scale[j] = (float) (var > 1e-12 ? Math.sqrt(var) : 1);
        }
        FunctionalsClassifier standardiser = new FunctionalsClassifier(Functionals.NAMES, mean, scale,
                List.of(new FunctionalsClassifier.Dense(new float[classes][d], new float[classes])));
        float[][] x = new float[rows.size()][];
        for (int i = 0; i < x.length; i++) x[i] = standardiser.standardise(rows.get(i).functionals());

        SplittableRandom random = new SplittableRandom(seed);
        int[] sizes = hidden > 0 ? new int[]{d, hidden, classes} : new int[]{d, classes};
        int layers = sizes.length - 1;
        double[][][] w = new double[layers][][];
        double[][] b = new double[layers][];
        for (int l = 0; l < layers; l++) {
            w[l] = new double[sizes[l + 1]][sizes[l]];
            b[l] = new double[sizes[l + 1]];
            double limit = Math.sqrt(6.0 / (sizes[l] + sizes[l + 1]));
            for (double[] row : w[l]) for (int i = 0; i < row.length; i++) row[i] = (2 * random.nextDouble() - 1) * limit;
        }
        Adam adam = new Adam(w, b);
        int[] order = new int[rows.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        double[][] act = new double[layers + 1][];
        double[][] delta = new double[layers][];
        double[][][] gw = new double[layers][][];
        double[][] gb = new double[layers][];
        for (int l = 0; l < layers; l++) {
            gw[l] = new double[sizes[l + 1]][sizes[l]];
            gb[l] = new double[sizes[l + 1]];
            delta[l] = new double[sizes[l + 1]];
        }
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            for (int start = 0; start < order.length; start += batch) {
                int end = Math.min(order.length, start + batch);
                for (int l = 0; l < layers; l++) {
                    for (double[] row : gw[l]) java.util.Arrays.fill(row, 0);
                    java.util.Arrays.fill(gb[l], 0);
                }
                double weightSum = 0;
                for (int k = start; k < end; k++) {
                    Row row = rows.get(order[k]);
                    float[] in = x[order[k]];
                    act[0] = new double[d];
                    for (int j = 0; j < d; j++) act[0][j] = in[j];
                    for (int l = 0; l < layers; l++) {
                        double[] out = new double[sizes[l + 1]];
                        for (int o = 0; o < out.length; o++) {
                            double s = b[l][o];
                            double[] wo = w[l][o];
                            double[] a = act[l];
                            for (int j = 0; j < wo.length; j++) s += wo[j] * a[j];
                            out[o] = l < layers - 1 ? Math.max(0, s) : s;
                        }
                        act[l + 1] = out;
                    }
                    double[] logits = act[layers];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int c = 0; c < classes; c++) if (row.allowed()[c]) max = Math.max(max, logits[c]);
                    double sum = 0;
                    double[] p = new double[classes];
                    for (int c = 0; c < classes; c++) if (row.allowed()[c]) sum += p[c] = Math.exp(logits[c] - max);
                    double rw = row.weight();
                    weightSum += rw;
                    for (int c = 0; c < classes; c++)
                        delta[layers - 1][c] = row.allowed()[c] ? rw * (p[c] / sum - (c == row.label() ? 1 : 0)) : 0;
                    for (int l = layers - 1; l >= 0; l--) {
                        double[] a = act[l];
                        for (int o = 0; o < sizes[l + 1]; o++) {
                            double g = delta[l][o];
                            if (g == 0) continue;
                            gb[l][o] += g;
                            double[] gwo = gw[l][o];
                            for (int j = 0; j < a.length; j++) gwo[j] += g * a[j];
                        }
                        if (l > 0) {
                            for (int j = 0; j < sizes[l]; j++) {
                                double s = 0;
                                for (int o = 0; o < sizes[l + 1]; o++) s += w[l][o][j] * delta[l][o];
                                delta[l - 1][j] = a[j] > 0 ? s : 0;
                            }
                        }
                    }
                }
                double norm = Math.max(weightSum, 1e-12);
                for (int l = 0; l < layers; l++) {
                    for (int o = 0; o < sizes[l + 1]; o++) {
                        gb[l][o] /= norm;
                        for (int j = 0; j < sizes[l]; j++) gw[l][o][j] = gw[l][o][j] / norm + l2 * w[l][o][j];
                    }
                }
                adam.step(gw, gb, learningRate);
            }
        }
        List<FunctionalsClassifier.Dense> dense = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            float[][] fw = new float[sizes[l + 1]][sizes[l]];
            float[] fb = new float[sizes[l + 1]];
            for (int o = 0; o < fw.length; o++) {
                for (int j = 0; j < fw[o].length; j++) fw[o][j] = (float) w[l][o][j];
                fb[o] = (float) b[l][o];
            }
            dense.add(new FunctionalsClassifier.Dense(fw, fb));
        }
        return new FunctionalsClassifier(Functionals.NAMES, mean, scale, dense);
    }

    /** Adam (beta 0.9, 0.999) over the weights and biases, in place. */
    private static final class Adam {
        private final double[][][] w, mw, vw;
        private final double[][] b, mb, vb;
        private int t;

        Adam(double[][][] w, double[][] b) {
            this.w = w;
            this.b = b;
            mw = new double[w.length][][];
            vw = new double[w.length][][];
            mb = new double[b.length][];
            vb = new double[b.length][];
            for (int l = 0; l < w.length; l++) {
                mw[l] = new double[w[l].length][w[l][0].length];
                vw[l] = new double[w[l].length][w[l][0].length];
                mb[l] = new double[b[l].length];
                vb[l] = new double[b[l].length];
            }
        }

        void step(double[][][] gw, double[][] gb, double lr) {
            t++;
            double c1 = 1 - Math.pow(0.9, t), c2 = 1 - Math.pow(0.999, t);
            for (int l = 0; l < w.length; l++) {
                for (int o = 0; o < w[l].length; o++) {
                    for (int j = 0; j < w[l][o].length; j++)
                        w[l][o][j] -= update(gw[l][o][j], mw[l][o], vw[l][o], j, lr, c1, c2);
                    b[l][o] -= update(gb[l][o], mb[l], vb[l], o, lr, c1, c2);
                }
            }
        }

        private static double update(double g, double[] m, double[] v, int i, double lr, double c1, double c2) {
            m[i] = 0.9 * m[i] + 0.1 * g;
            v[i] = 0.999 * v[i] + 0.001 * g * g;
            return lr * (m[i] / c1) / (Math.sqrt(v[i] / c2) + 1e-8);
        }
    }
}
