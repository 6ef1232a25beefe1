package org.emoscope.train.eval;

import java.util.List;
import java.util.Locale;

/**
 * Counts of (true label, predicted label) over a test set, and the metrics derived from them: WA (accuracy), UA
 * (balanced accuracy: mean per-class recall over classes present in the truth), macro-F1 and per-class recall.
 */
public final class ConfusionMatrix {

    private final List<String> labels;
    private final long[][] counts;

    public ConfusionMatrix(List<String> labels) {
        this.labels = List.copyOf(labels);
        this.counts = new long[labels.size()][labels.size()];
    }

    public void add(int truth, int predicted) {
        counts[truth][predicted]++;
    }

    /** A matrix holding {@code counts[truth][predicted]} (as saved by {@link #counts()}). */
    public static ConfusionMatrix of(List<String> labels, long[][] counts) {
        ConfusionMatrix cm = new ConfusionMatrix(labels);
        if (counts.length != labels.size()) throw new IllegalArgumentException("counts do not match the labels");
        for (int i = 0; i < counts.length; i++) {
            if (counts[i].length != labels.size()) throw new IllegalArgumentException("counts do not match the labels");
            System.arraycopy(counts[i], 0, cm.counts[i], 0, counts[i].length);
        }
        return cm;
    }

    /** A copy of the counts, {@code [truth][predicted]}. */
    public long[][] counts() {
        long[][] out = new long[counts.length][];
        for (int i = 0; i < counts.length; i++) out[i] = counts[i].clone();
        return out;
    }

    /** Adds every count of {@code other} (same labels) into this matrix: pooling folds. */
    public void addAll(ConfusionMatrix other) {
        if (!other.labels.equals(labels)) throw new IllegalArgumentException("label sets differ");
        for (int i = 0; i < counts.length; i++) for (int j = 0; j < counts.length; j++) counts[i][j] += other.counts[i][j];
    }

    public List<String> labels() {
        return labels;
    }

    public long count(int truth, int predicted) {
        return counts[truth][predicted];
    }

    public long total() {
        long t = 0;
        for (long[] row : counts) for (long c : row) t += c;
        return t;
    }

    private long rowSum(int i) {
        long s = 0;
        for (long c : counts[i]) s += c;
        return s;
    }

    private long colSum(int j) {
        long s = 0;
        for (long[] row : counts) s += row[j];
        return s;
    }

    /** Weighted accuracy: correct / total. */
    public double weightedAccuracy() {
        long correct = 0;
        for (int i = 0; i < counts.length; i++) correct += counts[i][i];
        long t = total();
        return t == 0 ? Double.NaN : correct / (double) t;
    }

    /** Recall of class {@code i}, NaN when it never occurs in the truth. */
    public double recall(int i) {
        long r = rowSum(i);
        return r == 0 ? Double.NaN : counts[i][i] / (double) r;
    }

    /** Precision of class {@code i}, 0 when it is never predicted. */
    public double precision(int i) {
        long c = colSum(i);
        return c == 0 ? 0.0 : counts[i][i] / (double) c;
    }

    /** Unweighted accuracy (balanced accuracy): mean recall over the classes present in the truth. */
    public double unweightedAccuracy() {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < counts.length; i++) {
            double r = recall(i);
            if (!Double.isNaN(r)) {
                sum += r;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** Macro-F1 over the classes present in the truth. */
    public double macroF1() {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < counts.length; i++) {
            double r = recall(i);
            if (Double.isNaN(r)) continue;
            double p = precision(i);
            sum += p + r == 0 ? 0 : 2 * p * r / (p + r);
            n++;
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** CSV: a header row of predicted labels, then one row per true label. */
    public String toCsv() {
        StringBuilder b = new StringBuilder("truth\\predicted");
        for (String l : labels) b.append(',').append(l);
        b.append('\n');
        for (int i = 0; i < counts.length; i++) {
            b.append(labels.get(i));
            for (long c : counts[i]) b.append(',').append(c);
            b.append('\n');
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "WA %.4f UA %.4f F1 %.4f n=%d", weightedAccuracy(), unweightedAccuracy(),
                macroF1(), total());
    }
}
