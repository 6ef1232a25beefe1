package org.emoscope.model;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * Checks a DL4J network configuration ({@code configuration.json} inside a bundle's {@code model.bin}) before DL4J
 * reads it. DL4J's JSON reader instantiates whatever class a {@code "@class"} field names (Jackson's
 * {@code JsonTypeInfo.Id.CLASS}), so an untrusted bundle could make it load and construct any class on the class
 * path. Here every class name in the document, wherever it stands, must be one of {@link #ALLOWED_CLASSES}:
 * <ul>
 *   <li>every {@code "@class"} value (the type property of every polymorphic DL4J and ND4J type: layers, vertices,
 *       activations, losses, updaters, schedules, regularisation, weight initialisation, dropout, preprocessors,
 *       constraints, weight noise);</li>
 *   <li>every other string or field name that looks like a qualified Java class name, which covers Jackson's other
 *       ways of giving a type id: as the first element of a two-element array ({@code ["some.Class", {...}]}, which
 *       Jackson accepts in place of an object with a type property) and as a wrapper object's field name;</li>
 *   <li>arrays shaped like such a wrapper ({@code [string, object or array]}) are refused outright, so that a class
 *       in the default package (no dot) cannot slip through either.</li>
 * </ul>
 * Duplicate field names are refused (Jackson's tree keeps the last {@code "@class"}, DL4J's reader would use the
 * first), and the document DL4J then reads is the checked tree written out again, not the original bytes, so the two
 * readers cannot disagree about what was checked. Layer widths and kernel sizes are bounded too, so that the number of
 * parameters computed from them cannot overflow.
 */
final class NetworkConfigCheck {

    /**
     * Exactly the classes {@link EmotionNetwork#configuration} writes, for any {@link NetworkSpec}, with the updaters
     * the tests build it with (NoOp, Sgd). All are plain configuration beans of DL4J and ND4J plus our four vertices.
     * A network built differently needs its classes added here, on purpose.
     */
    static final Set<String> ALLOWED_CLASSES = Set.of(
            // graph vertices
            "org.deeplearning4j.nn.conf.graph.LayerVertex",
            "org.deeplearning4j.nn.conf.graph.MergeVertex",
            "org.emoscope.model.BroadcastMultiplyVertex",
            "org.emoscope.model.MeanMaxPoolVertex",
            "org.emoscope.model.TimeSoftmaxVertex",
            "org.emoscope.model.AttentivePoolVertex",
            // layers
            "org.deeplearning4j.nn.conf.layers.ActivationLayer",
            "org.deeplearning4j.nn.conf.layers.BatchNormalization",
            "org.deeplearning4j.nn.conf.layers.ConvolutionLayer",
            "org.deeplearning4j.nn.conf.layers.DenseLayer",
            "org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer",
            "org.deeplearning4j.nn.conf.layers.OutputLayer",
            "org.deeplearning4j.nn.conf.layers.SubsamplingLayer",
            // activations
            "org.nd4j.linalg.activations.impl.ActivationIdentity",
            "org.nd4j.linalg.activations.impl.ActivationReLU",
            "org.nd4j.linalg.activations.impl.ActivationSigmoid",
            "org.nd4j.linalg.activations.impl.ActivationSoftmax",
            "org.nd4j.linalg.activations.impl.ActivationTanH",
            // loss
            "org.nd4j.linalg.lossfunctions.impl.LossMCXENT",
            // updaters, their schedules and regularisation
            "org.nd4j.linalg.learning.config.Adam",
            "org.nd4j.linalg.learning.config.NoOp",
            "org.nd4j.linalg.learning.config.Sgd",
            "org.nd4j.linalg.schedule.FixedSchedule",
            "org.nd4j.linalg.learning.regularization.L2Regularization",
            // weight initialisation and dropout
            "org.deeplearning4j.nn.weights.WeightInitRelu",
            "org.deeplearning4j.nn.weights.WeightInitXavier",
            "org.deeplearning4j.nn.weights.WeightInitConstant",
            "org.deeplearning4j.nn.conf.dropout.Dropout");

    /** Most channels, units or outputs a layer may have. */
    static final long MAX_WIDTH = 1 << 16;
    /** Largest kernel, stride, padding or dilation along one axis. */
    static final long MAX_KERNEL = 1 << 12;
    private static final Set<String> WIDTH_FIELDS = Set.of("nin", "nout");
    private static final Set<String> KERNEL_FIELDS = Set.of("kernelSize", "stride", "padding", "dilation");
    private static final int MAX_DEPTH = 64;
    private static final int MAX_ARRAY = 1 << 16;
    private static final String TYPE_FIELD = "@class";

    /** A dotted Java-like name (also as an array type, "[Lsome.Class;"), with an optional leading dot. */
    private static final Pattern CLASS_LIKE = Pattern.compile("[\\[\\w$.;<>, ]*[A-Za-z_$][\\w$]*\\.[A-Za-z_$].*");

    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    private NetworkConfigCheck() {
    }

    /**
     * Checks {@code json} and returns the JSON DL4J should read (the checked document, written out again).
     *
     * @throws IllegalArgumentException with a message for a person if it names a class outside the allow-list, is
     *                                  not JSON, nests too deeply, repeats a field or has implausible sizes
     */
    static String check(byte[] json) {
        String shape = JsonLimits.problem(json, MAX_DEPTH, MAX_ARRAY);
        if (shape != null) throw new IllegalArgumentException("its configuration is implausible (" + shape + ")");
        JsonNode root;
        try {
            root = STRICT.readTree(json);
        } catch (IOException e) {
            String message = e.getMessage() == null ? "unreadable" : e.getMessage();
            int nl = message.indexOf('\n');
            throw new IllegalArgumentException("its configuration is not valid JSON ("
                    + (nl < 0 ? message : message.substring(0, nl)) + ")");
        }
        if (root == null || !root.isObject())
            throw new IllegalArgumentException("its configuration is not a JSON object");
        walk(root, "");
        return root.toString();
    }

    private static void walk(JsonNode node, String path) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String key = field.getKey();
                JsonNode value = field.getValue();
                String where = path + "/" + key;
                if (key.equalsIgnoreCase(TYPE_FIELD) || key.startsWith("@")) {
                    if (!key.equals(TYPE_FIELD))
                        throw new IllegalArgumentException("its configuration has an unexpected type field " + key
                                + " at " + path);
                    if (!value.isTextual())
                        throw new IllegalArgumentException("its configuration has a type field that is not a class "
                                + "name at " + where);
                    requireAllowed(value.asText(), where);
                    continue;
                }
                if (CLASS_LIKE.matcher(key).matches()) requireAllowed(key, where);
                if (WIDTH_FIELDS.contains(key)) bounded(value, MAX_WIDTH, where);
                if (KERNEL_FIELDS.contains(key)) {
                    if (value.isArray()) for (JsonNode v : value) bounded(v, MAX_KERNEL, where);
                    else bounded(value, MAX_KERNEL, where);
                }
                walk(value, where);
            }
        } else if (node.isArray()) {
            if (node.size() == 2 && node.get(0).isTextual() && node.get(1).isContainerNode())
                throw new IllegalArgumentException("its configuration gives a type as an array at " + path
                        + " ([\"" + printable(node.get(0).asText()) + "\", ...]), which DL4J never writes");
            int i = 0;
            for (JsonNode element : node) walk(element, path + "/" + i++);
        } else if (node.isTextual() && CLASS_LIKE.matcher(node.asText()).matches()) {
            requireAllowed(node.asText(), path);
        }
    }

    private static void requireAllowed(String name, String where) {
        if (!ALLOWED_CLASSES.contains(name))
            throw new IllegalArgumentException("its network configuration names the Java class " + printable(name)
                    + " (at " + where + "), which is not one of the layers, vertices, activations, losses, updaters, "
                    + "schedules or weight initialisations an EmoScope model uses; a model file must not make "
                    + "EmoScope load other code, so it is refused");
    }

    /** {@code value} null, or an integer from -1 (DL4J's "not set") to {@code max}. */
    private static void bounded(JsonNode value, long max, String where) {
        if (value.isNull()) return;
        if (!value.isIntegralNumber() && !(value.isNumber() && value.decimalValue().stripTrailingZeros().scale() <= 0))
            throw new IllegalArgumentException("its configuration has a size that is not an integer at " + where);
        BigInteger v = value.bigIntegerValue();
        if (v.compareTo(BigInteger.valueOf(-1)) < 0 || v.compareTo(BigInteger.valueOf(max)) > 0)
            throw new IllegalArgumentException("its configuration has an implausible size " + v + " at " + where
                    + " (at most " + max + ")");
    }

    private static String printable(String s) {
        String cut = s.length() > 120 ? s.substring(0, 120) + "..." : s;
        StringBuilder out = new StringBuilder(cut.length());
        for (char c : cut.toCharArray()) out.append(c < 0x20 || c == 0x7F ? '?' : c);
        return out.toString();
    }
}
