package org.emoscope.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.emoscope.features.functionals.Functionals;
import org.emoscope.model.FunctionalsClassifier;
import org.junit.jupiter.api.Test;

/** Training the functionals classifier: it learns, it balances, and it ignores the classes a corpus lacks. */
class FunctionalsTrainerTest {

    private static final int D = Functionals.size();

    /** Class c lifts statistic c by 3 standard deviations; the rest is noise. */
    private static List<FunctionalsTrainer.Row> rows(int n, int classes, boolean[] allowed, String corpus, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<FunctionalsTrainer.Row> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int label = i % classes;
            float[] x = new float[D];
            for (int j = 0; j < D; j++) x[j] = (float) (r.nextGaussian() + 10);
            x[label] += 3;
            if (i % 7 == 0) x[D - 1] = Float.NaN;
            out.add(new FunctionalsTrainer.Row(x, label, allowed, 1, corpus));
        }
        return out;
    }

    private static double accuracy(FunctionalsClassifier c, List<FunctionalsTrainer.Row> test) {
        int right = 0;
        for (FunctionalsTrainer.Row row : test) {
            float[] p = c.probabilities(row.functionals());
            int best = 0;
            for (int k = 1; k < p.length; k++) if (p[k] > p[best]) best = k;
            if (best == row.label()) right++;
        }
        return right / (double) test.size();
    }

    @Test
    void logisticRegressionAndTheMlpLearnSeparableClasses() {
        boolean[] all = {true, true, true};
        List<FunctionalsTrainer.Row> train = rows(600, 3, all, "a", 1), test = rows(300, 3, all, "a", 2);
        // the defaults' batch of 256 gives 600 rows too few steps; the recipe is otherwise the shipped one
        FunctionalsTrainer lr = FunctionalsTrainer.logistic(), m = FunctionalsTrainer.mlp();
        lr = new FunctionalsTrainer(lr.hidden(), lr.epochs(), lr.l2(), lr.learningRate(), 16);
        m = new FunctionalsTrainer(m.hidden(), m.epochs(), m.l2(), m.learningRate(), 16);
        assertTrue(accuracy(lr.train(train, 3, 7), test) > 0.9);
        FunctionalsClassifier mlp = m.train(train, 3, 7);
        assertEquals(2, mlp.layers().size());
        assertTrue(accuracy(mlp, test) > 0.9);
    }

    @Test
    void theSameSeedGivesTheSameClassifier() {
        boolean[] all = {true, true, true};
        List<FunctionalsTrainer.Row> train = rows(200, 3, all, "a", 1);
        FunctionalsTrainer t = new FunctionalsTrainer(0, 3, 1e-3, 3e-3, 32);
        assertEquals(t.train(train, 3, 5), t.train(train, 3, 5));
    }

    @Test
    void aCorpusSaysNothingAboutAClassItLacks() {
        // corpus "b" has classes 0 and 1 only; its rows must not push class 2 down
        boolean[] withoutTwo = {true, true, false};
        List<FunctionalsTrainer.Row> train = new ArrayList<>(rows(300, 2, withoutTwo, "b", 3));
        FunctionalsTrainer t = new FunctionalsTrainer(0, 20, 0, 3e-3, 32);
        FunctionalsClassifier c = t.train(train, 3, 7);
        float[] w2 = c.layers().get(0).weights()[2];
        float[] initial = new FunctionalsTrainer(0, 1, 0, 1e-12, 32).train(train, 3, 7).layers().get(0).weights()[2];
        assertArrayEquals(initial, w2, 1e-6f, "class 2 never received a gradient");
    }

    @Test
    void balancedWeightsGiveEveryCorpusAndClassTheSameShare() {
        List<String[]> keys = new ArrayList<>();
        // corpus A: class x in 3 recordings of 1 window, class y in 1 recording of 4 windows; corpus B: 1 window
        for (int i = 0; i < 3; i++) keys.add(new String[]{"A", "x", "a" + i});
        for (int i = 0; i < 4; i++) keys.add(new String[]{"A", "y", "long"});
        keys.add(new String[]{"B", "x", "b0"});
        double[] w = FunctionalsTrainer.balancedWeights(keys);
        double ax = w[0] + w[1] + w[2], ay = w[3] + w[4] + w[5] + w[6], b = w[7];
        assertEquals(ax, ay, 1e-9);
        assertEquals(ax + ay, b, 1e-9);
        assertEquals(w[0], w[1], 1e-12);
        double mean = 0;
        for (double v : w) mean += v / w.length;
        assertEquals(1, mean, 1e-9);
    }
}
