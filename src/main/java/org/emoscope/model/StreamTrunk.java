package org.emoscope.model;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * The network's convolutional trunk run once over a whole stream in one voice, so that overlapping windows share
 * it: a 2 s window every 240 ms sees every frame about 8 times, and the trunk is 99% of the network's multiply-adds.
 * Windows then need only the head (attention and the pooled classifier) on their span of the trunk's output
 * ({@link EmotionModel#predictBatch(StreamTrunk, int[], List, List, float[])}).
 *
 * <p>The trunk is computed in chunks of {@value #CHUNK_FRAMES} attention frames, each with {@link #margin()} input
 * frames of real context on either side, so its output does not depend on where the chunks fall: an attention frame
 * comes out as it would from the whole stream at once. A window run on its own pads its edges with zeros instead, so
 * the trunk's output in the first and last few attention frames of a window differs between the two (by the
 * receptive field, {@link #margin()} frames at most); everywhere else it is the same. The stream's own start and
 * end are padded as a window's are.
 *
 * <p>Made by {@link EmotionModel#shareTrunk}; holds the output as floats, {@code channels x attention frames}
 * (128 x 100 per second of audio with the default network: 51 KB).
 */
public final class StreamTrunk {

    /** Attention frames computed per trunk call. */
    static final int CHUNK_FRAMES = 512;

    private final float[][] output;
    private final int factor;
    private final int frames;

    private StreamTrunk(float[][] output, int factor, int frames) {
        this.output = output;
        this.factor = factor;
        this.frames = frames;
    }

    /**
     * Runs {@code trunk} over {@code stream} (raw frames {@code [T][C]}) normalised with {@code norm} for
     * {@code voice}; every other chunk on a second core with {@code second}, a copy of the trunk (null: one core).
     *
     * @throws CancellationException when the thread is interrupted between chunks
     */
    static StreamTrunk compute(ComputationGraph trunk, ComputationGraph second, NetworkSpec spec, Normalization norm,
                               float[][] stream, SpeakerStatistics.Estimate voice) {
        int factor = spec.timePoolingFactor();
        int total = stream.length;
        if (norm.windowMean()) return new StreamTrunk(null, factor, total); // each window's input is its own
        int attentionFrames = (total + factor - 1) / factor;
        float[][] out = new float[spec.attentionChannels()][attentionFrames];
        int chunks = (attentionFrames + CHUNK_FRAMES - 1) / CHUNK_FRAMES;
        if (second == null || chunks < 2) {
            chunks(trunk, spec, norm, stream, voice, out, 0, 1);
        } else { // every other chunk on the second core: the chunks write disjoint columns
            SecondCore.split(() -> chunks(trunk, spec, norm, stream, voice, out, 0, 2),
                    () -> chunks(second, spec, norm, stream, voice, out, 1, 2));
        }
        return new StreamTrunk(out, factor, total);
    }

    /** Computes chunks {@code first}, {@code first + step}, ... of the trunk's output into {@code out}. */
    private static Void chunks(ComputationGraph trunk, NetworkSpec spec, Normalization norm, float[][] stream,
                               SpeakerStatistics.Estimate voice, float[][] out, int first, int step) {
        int factor = spec.timePoolingFactor();
        int channels = spec.attentionChannels();
        int total = stream.length;
        int attentionFrames = out[0].length;
        int margin = margin(spec);
        for (int from0 = first * CHUNK_FRAMES; from0 < attentionFrames; from0 += step * CHUNK_FRAMES) {
            if (Thread.currentThread().isInterrupted()) throw new CancellationException("interrupted");
            int last = Math.min(attentionFrames, from0 + CHUNK_FRAMES); // attention frames [from0, last)
            int from = Math.max(0, from0 * factor - margin);
            int to = Math.min(total, last * factor + margin);
            int length = to - from;
            float[][] chunk = new float[length][];
            System.arraycopy(stream, from, chunk, 0, length);
            INDArray input = ModelInput.batch(List.<float[][]>of(chunk), norm, 1,
                    java.util.Collections.singletonList(voice));
            INDArray result = trunk.outputSingle(false, input);
            float[] values = result.reshape('c', channels, result.length() / channels).dup('c').data().asFloat();
            int produced = values.length / channels;
            int skip = (from0 * factor - from) / factor; // margin frames before the chunk's own
            for (int c = 0; c < channels; c++)
                System.arraycopy(values, c * produced + skip, out[c], from0, last - from0);
            input.close();
            result.close();
        }
        return null;
    }

    /**
     * Input frames of context a chunk needs on each side, a whole number of attention frames: the trunk's receptive
     * field, generously (every kernel and pooling width in full at its block's stride).
     */
    static int margin(NetworkSpec spec) {
        int stride = 1;
        int reach = 0;
        for (int i = 0; i < spec.convFilters().size(); i++) {
            reach += (spec.convKernels().get(i) + spec.poolSizes().get(i)) * stride;
            stride *= spec.poolSizes().get(i);
        }
        int factor = spec.timePoolingFactor();
        return (reach + factor - 1) / factor * factor;
    }

    /**
     * True if a window of {@code length} frames from frame {@code start} can be read off this trunk: it starts on
     * an attention frame and lies inside the stream. Its span is the {@code ceil(length / factor)} attention frames
     * from there, as when it runs alone; when {@code length} is not a whole number of them (a 2 s window is 198
     * frames) its last attention frame also sees the stream's next frames, where alone it sees padding. Never for a
     * model that centres each window on its own mean ({@link Normalization#windowMean()}): its windows do not share
     * their input.
     */
    public boolean covers(int start, int length) {
        return output != null && start >= 0 && start % factor == 0 && length > 0 && start + length <= frames;
    }

    /**
     * The trunk's output for the windows starting at {@code starts}, each {@code length} frames (each
     * {@link #covers covered}), as the head's input {@code [n, channels, 1, ceil(length / factor)]}.
     */
    INDArray windows(int[] starts, int length) {
        for (int start : starts)
            if (!covers(start, length))
                throw new IllegalArgumentException("the window at frame " + start + " (" + length
                        + " frames) is not on the shared trunk");
        int channels = output.length;
        int span = (length + factor - 1) / factor;
        float[] data = new float[starts.length * channels * span];
        for (int w = 0; w < starts.length; w++) {
            int first = starts[w] / factor;
            for (int c = 0; c < channels; c++)
                System.arraycopy(output[c], first, data, (w * channels + c) * span, span);
        }
        return Nd4j.create(data, new long[]{starts.length, channels, 1, span}, DataType.FLOAT);
    }

    /** A network of the trunk's or the head's configuration with the weights of {@code full}, layer by layer. */
    static ComputationGraph slice(ComputationGraph full, org.deeplearning4j.nn.conf.ComputationGraphConfiguration conf) {
        ComputationGraph part = new ComputationGraph(conf);
        part.init();
        for (Layer target : part.getLayers()) {
            String name = target.conf().getLayer().getLayerName();
            Layer source = full.getLayer(name);
            for (var e : target.paramTable().entrySet()) e.getValue().assign(source.paramTable().get(e.getKey()));
        }
        return part;
    }
}
