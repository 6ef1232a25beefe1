package org.emoscope.model;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reads the DL4J network inside a bundle ({@link ModelBundle#MODEL_ENTRY}, itself a zip written by DL4J's
 * {@code ModelSerializer}) without trusting it. {@code ModelSerializer.restoreComputationGraph} is not used: it reads
 * {@code configuration.json} and {@code coefficients.bin} whole into memory whatever they inflate to, gives the
 * configuration to a JSON reader that instantiates any class it names, and deserialises a {@code preprocessor.bin}
 * entry, if there is one, with Java's {@code ObjectInputStream}, which can run code. Here, as it streams:
 * <ul>
 *   <li>only {@code configuration.json} and then {@code coefficients.bin} are accepted, each once; any other entry
 *       (a Java-serialised {@code preprocessor.bin}, {@code normalizer.bin}, {@code updaterState.bin},
 *       {@code objects/...}) is refused before a byte of it is read;</li>
 *   <li>the configuration is inflated to at most {@value #MAX_CONFIG_BYTES} bytes and checked by
 *       {@link NetworkConfigCheck} (allow-listed classes only) before DL4J parses it;</li>
 *   <li>the number of parameters the configuration describes is computed (at most {@value #MAX_PARAMETERS}), and
 *       {@code coefficients.bin} is inflated only as far as that many values and their header can take; its header
 *       must state exactly that count, so a zip bomb stops after a few hundred kilobytes.</li>
 * </ul>
 * The weights are then copied into an array of the checked size; ND4J never reads a shape from the file.
 */
final class NetworkArchive {

    /** The entries DL4J's ModelSerializer writes for a network saved without updater state. */
    static final String CONFIGURATION = "configuration.json", COEFFICIENTS = "coefficients.bin";
    /** Largest configuration.json accepted (the shipped one is 36 KB). */
    static final int MAX_CONFIG_BYTES = 4 << 20;
    /** Most parameters a bundle's network may have: 256 MB of float32 (the shipped network has 125,350). */
    static final long MAX_PARAMETERS = 1L << 26;
    /** The longest header an ND4J array may have here: two buffer headers and a rank-2 shape. */
    private static final int MAX_HEADER_BYTES = 2 * (2 + 32 + 8 + 2 + 8) + 8 * 8;
    private static final String SERIALISED =
            " (DL4J would read it with Java deserialisation, which can run code hidden in a file)";

    /** The checked configuration and weights; {@link #build} makes the network. */
    record Network(ComputationGraphConfiguration configuration, INDArray parameters) {
        /** The network with these weights. */
        ComputationGraph build() {
            ComputationGraph graph = new ComputationGraph(configuration);
            graph.init(parameters, false);
            return graph;
        }
    }

    private NetworkArchive() {
    }

    /**
     * Reads a network from {@code in} (the bytes of model.bin), leaving {@code in} open and positioned somewhere
     * after the last entry.
     *
     * @throws ModelBundleException if the archive holds anything but a checked configuration and matching weights
     * @throws IOException          if {@code in} fails or is not a readable zip
     */
    static Network read(Path file, InputStream in) throws ModelBundleException, IOException {
        ZipInputStream zip = new ZipInputStream(new NoClose(in));
        Set<String> seen = new HashSet<>();
        ComputationGraphConfiguration configuration = null;
        long parameters = -1;
        INDArray weights = null;
        ZipEntry entry;
        while ((entry = nextEntry(file, zip)) != null) {
            String name = entry.getName();
            if (!seen.add(name)) throw refuse(file, "it holds the entry " + printable(name) + " twice");
            switch (name) {
                case CONFIGURATION -> {
                    byte[] json = readCapped(file, zip, name, MAX_CONFIG_BYTES);
                    configuration = parseConfiguration(file, json);
                    parameters = countParameters(file, configuration);
                }
                case COEFFICIENTS -> {
                    if (configuration == null)
                        throw refuse(file, "its " + COEFFICIENTS + " comes before " + CONFIGURATION
                                + " (DL4J writes the configuration first)");
                    byte[] data = readCapped(file, zip, name, MAX_HEADER_BYTES + parameters * 8);
                    weights = coefficients(file, data, parameters, configuration.getDataType());
                }
                case "preprocessor.bin", "normalizer.bin", "updaterState.bin" ->
                        throw refuse(file, "it holds an entry " + name + " that EmoScope does not use"
                                + (name.equals("preprocessor.bin") ? SERIALISED : ""));
                default -> throw refuse(file, "it holds an unexpected entry " + printable(name)
                        + (name.startsWith("objects/") ? SERIALISED : ""));
            }
        }
        if (configuration == null) throw refuse(file, "it has no " + CONFIGURATION);
        if (weights == null) throw refuse(file, "it has no " + COEFFICIENTS);
        return new Network(configuration, weights);
    }

    private static ZipEntry nextEntry(Path file, ZipInputStream zip) throws IOException, ModelBundleException {
        try {
            return zip.getNextEntry();
        } catch (IllegalArgumentException e) {
            // found by the fuzzer: ZipInputStream throws this for an entry name that is not valid UTF-8
            throw refuse(file, "it has an entry whose name is not valid UTF-8 (the file is damaged)", e);
        }
    }

    private static ComputationGraphConfiguration parseConfiguration(Path file, byte[] json)
            throws ModelBundleException {
        String checked;
        try {
            checked = NetworkConfigCheck.check(json);
        } catch (IllegalArgumentException e) {
            throw new ModelBundleException(file, e.getMessage(), e);
        }
        ComputationGraphConfiguration configuration;
        try {
            configuration = ComputationGraphConfiguration.fromJson(checked);
        } catch (RuntimeException e) {
            throw refuse(file, "its configuration is not a DL4J network configuration (" + firstLine(e) + ")", e);
        }
        if (configuration.getNetworkInputs() == null || configuration.getVertices() == null
                || configuration.getVertices().isEmpty() || configuration.getNetworkOutputs() == null)
            throw refuse(file, "its configuration describes no network");
        return configuration;
    }

    /** Parameters of the network {@code configuration} describes, without building it. */
    private static long countParameters(Path file, ComputationGraphConfiguration configuration)
            throws ModelBundleException {
        long total = 0;
        try {
            for (GraphVertex vertex : configuration.getVertices().values()) {
                if (vertex == null) throw refuse(file, "its configuration has an empty vertex");
                long n = vertex.numParams(false);
                if (n < 0 || n > MAX_PARAMETERS) throw tooMany(file, n);
                total = Math.addExact(total, n);
                if (total > MAX_PARAMETERS) throw tooMany(file, total);
            }
        } catch (RuntimeException e) {
            throw refuse(file, "its configuration is not a usable network (" + firstLine(e) + ")", e);
        }
        if (total == 0) throw refuse(file, "its configuration describes a network without parameters");
        return total;
    }

    private static ModelBundleException tooMany(Path file, long n) {
        return refuse(file, "its configuration describes " + n + " parameters, more than the " + MAX_PARAMETERS
                + " a model may have");
    }

    /**
     * The weights from ND4J's binary array format (a shape buffer, then a data buffer, each with a header: allocation
     * mode, length, data type), checked against {@code count} before anything is allocated from them.
     */
    private static INDArray coefficients(Path file, byte[] data, long count, DataType networkType)
            throws ModelBundleException {
        String what = COEFFICIENTS + " does not hold the " + count + " weights the configuration describes";
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(data));
            bufferMode(file, in.readUTF(), what);
            long shapeLength = in.readLong();
            String shapeType = in.readUTF();
            if (!(shapeLength == 6 || shapeLength == 8) || !shapeType.equals("LONG"))
                throw refuse(file, what + " (its shape header is not a vector's)");
            long[] shape = new long[(int) shapeLength];
            for (int i = 0; i < shape.length; i++) shape[i] = in.readLong();
            long rank = shape[0];
            long elements = rank == 1 ? shape[1] : rank == 2 && shapeLength == 8 && Math.min(shape[1], shape[2]) == 1
                    ? Math.max(shape[1], shape[2]) : -1;
            if (elements != count) throw refuse(file, what + " (its shape says " + describeShape(shape) + ")");
            bufferMode(file, in.readUTF(), what);
            long length = in.readLong();
            String type = in.readUTF();
            if (length != count) throw refuse(file, what + " (it holds " + length + ")");
            int size = switch (type) {
                case "FLOAT" -> 4;
                case "DOUBLE" -> 8;
                default -> throw refuse(file, COEFFICIENTS + " holds weights of type " + printable(type)
                        + ", not FLOAT or DOUBLE");
            };
            long header = data.length - in.available();
            if (data.length - header != count * size)
                throw refuse(file, what + " (it holds " + (data.length - header) + " bytes of " + type
                        + " where " + count * size + " are needed)");
            ByteBuffer values = ByteBuffer.wrap(data, (int) header, (int) (count * size));
            INDArray weights;
            if (size == 4) {
                float[] v = new float[(int) count];
                values.asFloatBuffer().get(v);
                weights = Nd4j.createFromArray(v);
            } else {
                double[] v = new double[(int) count];
                values.asDoubleBuffer().get(v);
                weights = Nd4j.createFromArray(v);
            }
            return weights.dataType() == networkType ? weights : weights.castTo(networkType);
        } catch (IOException e) {
            throw refuse(file, what + " (it ends inside its header)", e);
        }
    }

    private static void bufferMode(Path file, String mode, String what) throws ModelBundleException {
        // what ModelSerializer writes since 1.0.0-beta; older modes store the length as an int
        if (!mode.equals("MIXED_DATA_TYPES") && !mode.equals("LONG_SHAPE"))
            throw refuse(file, what + " (its header is not ND4J's: " + printable(mode) + ")");
    }

    private static String describeShape(long[] shape) {
        StringBuilder s = new StringBuilder("rank ").append(shape[0]).append(", ");
        for (int i = 1; i < shape.length; i++) s.append(i == 1 ? "" : " ").append(shape[i]);
        return s.toString();
    }

    /** All of the current entry, refused if it inflates to more than {@code max} bytes. */
    private static byte[] readCapped(Path file, ZipInputStream zip, String name, long max)
            throws IOException, ModelBundleException {
        int limit = (int) Math.min(max, Integer.MAX_VALUE - 16);
        byte[] data = zip.readNBytes(limit + 1);
        if (data.length > limit)
            throw refuse(file, "its " + name + " inflates to more than the " + limit + " bytes it can hold for this "
                    + "network (a damaged file or a zip bomb)");
        return data;
    }

    private static ModelBundleException refuse(Path file, String reason) {
        return refuse(file, reason, null);
    }

    private static ModelBundleException refuse(Path file, String reason, Throwable cause) {
        return new ModelBundleException(file, ModelBundle.MODEL_ENTRY + " is not a readable DL4J network: " + reason, cause);
    }

    private static String firstLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = message.indexOf('\n');
        String line = nl < 0 ? message : message.substring(0, nl);
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }

    static String printable(String s) {
        String cut = s.length() > 120 ? s.substring(0, 120) + "..." : s;
        StringBuilder out = new StringBuilder(cut.length());
        for (char c : cut.toCharArray()) out.append(c < 0x20 || c == 0x7F ? '?' : c);
        return out.toString();
    }

    /** Lets the ZipInputStream be dropped without closing the stream under it. */
    private static final class NoClose extends java.io.FilterInputStream {
        NoClose(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
        }
    }
}
