package org.emoscope.train;

import org.emoscope.model.EmotionModel;
import org.emoscope.model.Prediction;
import org.emoscope.pipeline.StreamingAnalyzer;
import org.emoscope.pipeline.WindowGrid;

import java.util.ArrayList;
import java.util.List;

/**
 * Scores whole utterances the way file mode does: windows on the analyzer's grid ({@link WindowGrid}), the model
 * on each, and the mean of their probabilities. Windows of many utterances share network calls for speed.
 */
public final class UtteranceScorer {

    private static final int BATCH = 64;

    private final EmotionModel model;
    private final int windowFrames;
    private final int hopFrames;
    private final float[] silence;

    public UtteranceScorer(EmotionModel model, double windowSeconds, double hopSeconds) {
        this.model = model;
        this.windowFrames = Math.max(1, model.featureConfig().framesFor(windowSeconds));
        this.hopFrames = Math.max(1, (int) Math.round(hopSeconds / model.featureConfig().hopSeconds()));
        this.silence = StreamingAnalyzer.silentFrame(model.featureConfig());
    }

    /** Mean window probabilities of each item, in order: [items][labels]. */
    public float[][] probabilities(List<Item> items) {
        int k = model.labels().size();
        double[][] sums = new double[items.size()][k];
        int[] counts = new int[items.size()];
        List<float[][]> batch = new ArrayList<>(BATCH);
        List<Integer> owners = new ArrayList<>(BATCH);
        for (int i = 0; i < items.size(); i++) {
            float[][] frames = items.get(i).frames();
            for (int start : WindowGrid.starts(frames.length, windowFrames, hopFrames)) {
                batch.add(WindowGrid.cut(frames, start, windowFrames, silence));
                owners.add(i);
                if (batch.size() == BATCH) flush(batch, owners, sums, counts);
            }
        }
        flush(batch, owners, sums, counts);
        float[][] out = new float[items.size()][k];
        for (int i = 0; i < items.size(); i++)
            for (int c = 0; c < k; c++) out[i][c] = counts[i] == 0 ? 1f / k : (float) (sums[i][c] / counts[i]);
        return out;
    }

    /** The best class of each item. */
    public int[] predict(List<Item> items) {
        float[][] p = probabilities(items);
        int[] out = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            int best = 0;
            for (int c = 1; c < p[i].length; c++) if (p[i][c] > p[i][best]) best = c;
            out[i] = best;
        }
        return out;
    }

    private void flush(List<float[][]> batch, List<Integer> owners, double[][] sums, int[] counts) {
        if (batch.isEmpty()) return;
        Prediction[] ps = model.predictBatch(batch);
        for (int j = 0; j < ps.length; j++) {
            int owner = owners.get(j);
            float[] p = ps[j].probabilities();
            for (int c = 0; c < p.length; c++) sums[owner][c] += p[c];
            counts[owner]++;
        }
        batch.clear();
        owners.clear();
    }
}
