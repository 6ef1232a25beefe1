package org.emoscope.model;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.emoscope.features.FeatureConfig;
import org.emoscope.features.functionals.Functionals;

/**
 * A trained (or freshly initialised) model with everything needed to use it: one zip file holding
 * <ul>
 *   <li>{@value #MODEL_ENTRY}: the DL4J network written by {@link ModelSerializer} (without updater state);</li>
 *   <li>{@value #MANIFEST_ENTRY}: format version, labels, {@link FeatureConfig}, {@link NetworkSpec},
 *       {@link Normalization}, the analysis window length the network was trained on, the {@code untrained} flag,
 *       free-form training metadata and the SHA-256 of the model entry.</li>
 * </ul>
 * {@link #load(Path)} checks all of it and refuses a bundle that is damaged, newer than this code, or
 * inconsistent, so a model is never run on features it was not trained for. {@link #save(Path)} is atomic.
 *
 * <p>The network inside is mutable DL4J state; a bundle is not thread-safe.
 */
public final class ModelBundle {

    /**
     * Format version written by this code for a bundle with a {@link #functionals()} head; {@link #load} reads
     * versions 1 to this. A bundle without one is still written as version 1, which older EmoScope reads.
     */
    public static final int FORMAT_VERSION = 2;
    private static final int FORMAT_WITHOUT_FUNCTIONALS = 1;
    /** Zip entry of the JSON manifest. */
    public static final String MANIFEST_ENTRY = "manifest.json";
    /** Zip entry of the DL4J network. */
    public static final String MODEL_ENTRY = "model.bin";

    private static final long MAX_MANIFEST_BYTES = 16L << 20;
    /** How deeply a manifest may nest (a real one: 4 levels) and how long its arrays may be (a real one: ~100). */
    /** What may follow the network inside {@value #MODEL_ENTRY} (its zip directory: ~200 bytes). */
    private static final long MAX_TRAILING_BYTES = 1L << 20;
    /** How far a damaged {@value #MODEL_ENTRY} is read to tell damage (checksum) from a bad network. */
    private static final long MAX_DRAINED_BYTES = 64L << 20;
    private static final int MAX_MANIFEST_DEPTH = 32, MAX_MANIFEST_ARRAY = 1 << 16;
    /** Largest functionals classifier a manifest may hold: layers, and values per layer side or statistics array. */
    static final int MAX_FUNCTIONALS_LAYERS = 16, MAX_FUNCTIONALS_WIDTH = 4096;
    private static final long MAX_MODEL_BYTES = 1L << 30;
    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};
    private static final byte[] END_MAGIC = {'P', 'K', 5, 6};
    private static final int END_RECORD_BYTES = 22;
    private static final List<String> REQUIRED_FIELDS =
            List.of("labels", "featureConfig", "networkSpec", "normalization", "untrained", "modelSha256");

    /** The analysis window of bundles that do not record one (every bundle made before the field existed). */
    public static final double DEFAULT_WINDOW_SECONDS = 2.0;
    /** The shortest and longest analysis windows a bundle may record. */
    public static final double MIN_WINDOW_SECONDS = 0.1, MAX_WINDOW_SECONDS = 30;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * The manifest as written to {@value #MANIFEST_ENTRY}; {@code windowSeconds} is null in older bundles,
     * {@code functionals} and {@code functionalsWeight} in bundles without a functionals head.
     */
    record Manifest(int formatVersion, List<String> labels, FeatureConfig featureConfig, NetworkSpec networkSpec,
                    Normalization normalization, Double windowSeconds, boolean untrained,
                    Map<String, Object> metadata, String modelSha256, FunctionalsClassifier functionals,
                    Double functionalsWeight) {
    }

    private final ComputationGraph network;
    private final NetworkSpec spec;
    private final List<String> labels;
    private final FeatureConfig featureConfig;
    private final Normalization normalization;
    private final double windowSeconds;
    private final Map<String, Object> metadata;
    private final boolean untrained;
    private final FunctionalsClassifier functionals;
    private final double functionalsWeight;

    /** As the full constructor, for a network trained on {@value #DEFAULT_WINDOW_SECONDS} s windows. */
    public ModelBundle(ComputationGraph network, NetworkSpec spec, List<String> labels, FeatureConfig featureConfig,
                       Normalization normalization, Map<String, Object> metadata, boolean untrained) {
        this(network, spec, labels, featureConfig, normalization, DEFAULT_WINDOW_SECONDS, metadata, untrained);
    }

    /**
     * A bundle of {@code network} (built from {@code spec}) with its labels, feature settings and normalisation.
     *
     * @param windowSeconds length of the windows the network was trained on, which analysis should cut too
     * @param metadata  training details (corpora, protocol, date, epochs, seed, metrics...): JSON-compatible
     *                  values only (strings, numbers, booleans, lists and maps of those); copied
     * @param untrained true if the weights are the random initialisation, not the result of training
     * @throws IllegalArgumentException if the parts do not fit together (label count vs. network outputs, MFCC
     *                                  coefficients vs. network inputs vs. normalisation channels)
     */
    public ModelBundle(ComputationGraph network, NetworkSpec spec, List<String> labels, FeatureConfig featureConfig,
                       Normalization normalization, double windowSeconds, Map<String, Object> metadata,
                       boolean untrained) {
        this(network, spec, labels, featureConfig, normalization, windowSeconds, metadata, untrained, null, 0);
    }

    private ModelBundle(ComputationGraph network, NetworkSpec spec, List<String> labels, FeatureConfig featureConfig,
                        Normalization normalization, double windowSeconds, Map<String, Object> metadata,
                        boolean untrained, FunctionalsClassifier functionals, double functionalsWeight) {
        if (network == null || spec == null || labels == null || featureConfig == null || normalization == null
                || metadata == null)
            throw new IllegalArgumentException("every part of a model bundle must be given");
        for (int i = 0; i < labels.size(); i++)
            if (labels.get(i) == null || labels.get(i).isBlank())
                throw new IllegalArgumentException("label " + i + " is empty");
        this.network = network;
        this.spec = spec;
        this.labels = List.copyOf(labels);
        this.featureConfig = featureConfig;
        this.normalization = normalization;
        this.windowSeconds = windowSeconds;
        this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        this.untrained = untrained;
        this.functionals = functionals;
        this.functionalsWeight = functionals == null ? 0 : functionalsWeight;
        String problem = inconsistency();
        if (problem != null) throw new IllegalArgumentException(problem);
    }

    /**
     * A freshly initialised network ({@link NetworkSpec#defaults} for these labels and coefficients), flagged
     * untrained, with identity normalisation. Its predictions are meaningless; it lets the application run
     * end-to-end before a trained model exists.
     */
    public static ModelBundle untrained(List<String> labels, FeatureConfig featureConfig) {
        NetworkSpec spec = NetworkSpec.defaults(labels.size()).withInputChannels(featureConfig.coefficients());
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("created", Instant.now().toString());
        metadata.put("note", "untrained: randomly initialised weights, predictions are meaningless");
        return new ModelBundle(EmotionNetwork.build(spec), spec, labels, featureConfig,
                Normalization.identity(featureConfig.coefficients()), metadata, true);
    }

    /** The same bundle with {@code metadata} in place of this one's (the network is shared, not copied). */
    public ModelBundle withMetadata(Map<String, Object> metadata) {
        return new ModelBundle(network, spec, labels, featureConfig, normalization, windowSeconds, metadata,
                untrained, functionals, functionalsWeight);
    }

    /**
     * The same bundle with a functionals head: each window's probabilities become
     * {@code (1 - weight) * network + weight * classifier}, the classifier reading the window's
     * {@link org.emoscope.features.functionals.Functionals} (null: no head).
     *
     * @throws IllegalArgumentException if the classifier's classes or statistics do not fit, or weight is outside 0..1
     */
    public ModelBundle withFunctionals(FunctionalsClassifier classifier, double weight) {
        return new ModelBundle(network, spec, labels, featureConfig, normalization, windowSeconds, metadata,
                untrained, classifier, weight);
    }

    /** The classifier over each window's statistics fused with the network, or null if the bundle has none. */
    public FunctionalsClassifier functionals() {
        return functionals;
    }

    /** The weight of {@link #functionals()} in the fused probabilities, 0 to 1 (0 without a head). */
    public double functionalsWeight() {
        return functionalsWeight;
    }

    /** The network (float32, inference via {@code feedForward}; see {@link EmotionNetwork} for vertex names). */
    public ComputationGraph network() {
        return network;
    }

    /** The hyper-parameters the network was built from. */
    public NetworkSpec spec() {
        return spec;
    }

    /** Class names in output order. */
    public List<String> labels() {
        return labels;
    }

    /** How audio must be turned into features for this model. */
    public FeatureConfig featureConfig() {
        return featureConfig;
    }

    /** Per-channel standardisation applied to features before the network. */
    public Normalization normalization() {
        return normalization;
    }

    /**
     * Length of the windows the network was trained on, in seconds. The analyzer cuts windows of this length by
     * default ({@code AnalyzerSettings.forModel}): the network accepts any length, but it has learnt what a window of
     * this length looks like.
     */
    public double windowSeconds() {
        return windowSeconds;
    }

    /** Training metadata (unmodifiable). */
    public Map<String, Object> metadata() {
        return metadata;
    }

    /** True if the weights are a random initialisation rather than the result of training. */
    public boolean untrained() {
        return untrained;
    }

    /**
     * Writes the bundle to {@code file} atomically: it is written to a temporary file in the same directory, synced
     * and renamed over {@code file}, so {@code file} is either the old content or the complete new bundle, never a
     * partial one. Parent directories are created.
     *
     * @throws IOException if writing fails (then {@code file} is unchanged and no temporary file is left behind)
     */
    public void save(Path file) throws IOException {
        byte[] model = modelBytes();
        byte[] manifest = JSON.writeValueAsBytes(new Manifest(
                functionals == null ? FORMAT_WITHOUT_FUNCTIONALS : FORMAT_VERSION, labels, featureConfig, spec,
                normalization, windowSeconds, untrained, metadata, sha256(model), functionals,
                functionals == null ? null : functionalsWeight));

        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Files.createDirectories(dir);
        // not Files.createTempFile: that makes the file private (0600), and the bundle keeps the temp file's mode
        Path tmp = dir.resolve("." + target.getFileName() + "." + Long.toHexString(RANDOM.nextLong()) + ".part");
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                 ZipOutputStream zip = new ZipOutputStream(
                         new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16))) {
                zip.putNextEntry(new ZipEntry(MANIFEST_ENTRY));
                zip.write(manifest);
                zip.closeEntry();
                zip.putNextEntry(storedEntry(MODEL_ENTRY, model)); // already a zip: deflating again gains nothing
                zip.write(model);
                zip.closeEntry();
                zip.finish();
                zip.flush();
                channel.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Reads and checks a bundle written by {@link #save}.
     *
     * @throws ModelBundleException if the file is missing, not a zip, truncated or corrupt, lacks an entry, has an
     *                              unknown or newer format version, fails its checksum, or its parts disagree
     *                              (label count vs. network outputs, coefficients vs. network inputs, normalisation
     *                              length, NaN statistics)
     */
    public static ModelBundle load(Path file) throws ModelBundleException {
        checkFile(file);
        Manifest manifest;
        NetworkArchive.Network parts;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            byte[] manifestBytes = readEntry(file, zip, MANIFEST_ENTRY, MAX_MANIFEST_BYTES);
            ZipEntry modelEntry = zip.getEntry(MODEL_ENTRY);
            if (modelEntry == null) throw new ModelBundleException(file, "the entry " + MODEL_ENTRY + " is missing");
            manifest = parseManifest(file, manifestBytes);
            parts = readNetwork(file, zip, modelEntry, manifest.modelSha256());
        } catch (ZipException e) {
            throw new ModelBundleException(file, "the zip file is truncated or corrupt (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new ModelBundleException(file, "the file cannot be read (" + e.getMessage() + ")", e);
        }

        ComputationGraph network;
        try {
            network = parts.build();
        } catch (RuntimeException e) {
            throw new ModelBundleException(file, MODEL_ENTRY + " is not a readable DL4J network ("
                    + (e.getMessage() == null ? "unreadable" : firstLine(e.getMessage())) + ")", e);
        }
        ModelBundle bundle;
        try {
            bundle = new ModelBundle(network, manifest.networkSpec(), manifest.labels(), manifest.featureConfig(),
                    manifest.normalization(),
                    manifest.windowSeconds() == null ? DEFAULT_WINDOW_SECONDS : manifest.windowSeconds(),
                    manifest.metadata() == null ? Map.of() : manifest.metadata(), manifest.untrained(),
                    manifest.functionals(),
                    manifest.functionalsWeight() == null ? 0 : manifest.functionalsWeight());
        } catch (IllegalArgumentException e) {
            throw new ModelBundleException(file, e.getMessage(), e);
        }
        return bundle;
    }

    /** What is inconsistent between the parts, or null if they fit. */
    private String inconsistency() {
        if (labels.isEmpty()) return "there are no labels";
        if (functionals != null) {
            if (functionals.classes() != labels.size())
                return "the functionals classifier has " + functionals.classes() + " classes for " + labels.size()
                        + " labels";
            if (!functionals.features().equals(Functionals.NAMES))
                return "the functionals classifier reads statistics " + functionals.features()
                        + ", not the ones this EmoScope computes";
            if (!(functionalsWeight >= 0 && functionalsWeight <= 1))
                return "the functionals weight must be 0-1, not " + functionalsWeight;
            if (featureConfig.coefficients() <= 12) return "functionals need more than 12 MFCCs";
        }
        if (!(windowSeconds >= MIN_WINDOW_SECONDS && windowSeconds <= MAX_WINDOW_SECONDS))
            return "the analysis window must be " + MIN_WINDOW_SECONDS + "-" + MAX_WINDOW_SECONDS + " s, not "
                    + windowSeconds;
        if (new HashSet<>(labels).size() != labels.size()) return "labels are not unique: " + labels;
        long outputs;
        long inputs;
        long pooling;
        try {
            outputs = EmotionNetwork.numClasses(network);
            inputs = EmotionNetwork.inputChannels(network);
            pooling = EmotionNetwork.timePoolingFactor(network);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        if (labels.size() != outputs)
            return labels.size() + " labels " + labels + " but the network outputs " + outputs + " classes";
        if (spec.numClasses() != outputs)
            return "the network spec says " + spec.numClasses() + " classes but the network outputs " + outputs;
        if (featureConfig.coefficients() != inputs)
            return "the feature config gives " + featureConfig.coefficients()
                    + " MFCC coefficients but the network takes " + inputs + " input channels";
        if (spec.inputChannels() != inputs)
            return "the network spec says " + spec.inputChannels() + " input channels but the network takes "
                    + inputs;
        if (spec.timePoolingFactor() != pooling)
            return "the network spec says the network pools time by " + spec.timePoolingFactor()
                    + " but the network pools it by " + pooling;
        boolean attentive = network.getConfiguration().getVertices().containsKey(EmotionNetwork.FRAME_WEIGHTS);
        boolean meanOnly = network.getConfiguration().getVertices().containsKey("att_mean");
        if (attentive != spec.pooling().attentive()
                || meanOnly != (spec.pooling() == NetworkSpec.Pooling.ATTENTIVE_MAX))
            return "the network spec says the network pools time " + spec.pooling() + " but the network "
                    + (attentive ? "has" : "lacks") + " attentive pooling";
        if (normalization.channels() != featureConfig.coefficients())
            return "the normalisation has " + normalization.channels() + " channels but the feature config gives "
                    + featureConfig.coefficients() + " MFCC coefficients";
        return null;
    }

    private byte[] modelBytes() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(network, bytes, false);
        return bytes.toByteArray();
    }

    private static ZipEntry storedEntry(String name, byte[] data) {
        ZipEntry entry = new ZipEntry(name);
        CRC32 crc = new CRC32();
        crc.update(data);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(data.length);
        entry.setCompressedSize(data.length);
        entry.setCrc(crc.getValue());
        return entry;
    }

    private static void checkFile(Path file) throws ModelBundleException {
        if (!Files.exists(file)) throw new ModelBundleException(file, "the file does not exist");
        if (!Files.isRegularFile(file)) throw new ModelBundleException(file, "it is not a regular file");
        byte[] head = new byte[ZIP_MAGIC.length];
        byte[] tail = new byte[END_RECORD_BYTES];
        long size;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            size = channel.size();
            channel.read(ByteBuffer.wrap(head), 0);
            if (size >= END_RECORD_BYTES) channel.read(ByteBuffer.wrap(tail), size - END_RECORD_BYTES);
        } catch (IOException e) {
            throw new ModelBundleException(file, "the file cannot be read (" + e.getMessage() + ")", e);
        }
        if (size == 0) throw new ModelBundleException(file, "the file is empty");
        if (size < head.length || !Arrays.equals(head, ZIP_MAGIC))
            throw new ModelBundleException(file, "it is not a model bundle (not a zip file)");
        // save() writes no zip comment, so a complete bundle ends with the end-of-archive record. Checking it matters:
        // the model entry is itself a zip stored verbatim, and a reader that misses the outer end record finds the
        // inner one instead.
        if (size < END_RECORD_BYTES || !Arrays.equals(Arrays.copyOf(tail, END_MAGIC.length), END_MAGIC)
                || tail[END_RECORD_BYTES - 2] != 0 || tail[END_RECORD_BYTES - 1] != 0)
            throw new ModelBundleException(file, "the zip file is truncated or corrupt (it does not end with an "
                    + "end-of-archive record)");
    }

    private static byte[] readEntry(Path file, ZipFile zip, String name, long maxBytes)
            throws IOException, ModelBundleException {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) throw new ModelBundleException(file, "the entry " + name + " is missing");
        if (entry.getSize() > maxBytes)
            throw new ModelBundleException(file, "the entry " + name + " is implausibly large (" + entry.getSize()
                    + " bytes)");
        try (InputStream in = zip.getInputStream(entry)) {
            byte[] data = in.readNBytes((int) Math.min(maxBytes + 1, Integer.MAX_VALUE - 8));
            if (data.length > maxBytes)
                throw new ModelBundleException(file, "the entry " + name + " is implausibly large");
            if (entry.getSize() >= 0 && data.length != entry.getSize())
                throw new ModelBundleException(file, "the entry " + name + " is truncated");
            CRC32 crc = new CRC32();
            crc.update(data);
            if (entry.getCrc() >= 0 && crc.getValue() != entry.getCrc())
                throw new ModelBundleException(file, "the entry " + name + " is corrupt (CRC mismatch)");
            return data;
        } catch (IOException e) {
            throw new ModelBundleException(file, "the entry " + name + " is corrupt (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Streams {@value #MODEL_ENTRY} through {@link NetworkArchive} (never holding it whole in memory), then checks its
     * size, CRC and SHA-256 against the zip and the manifest. Damage is reported before whatever it did to the network.
     */
    private static NetworkArchive.Network readNetwork(Path file, ZipFile zip, ZipEntry entry, String expectedSha256)
            throws ModelBundleException {
        if (entry.getSize() > MAX_MODEL_BYTES)
            throw new ModelBundleException(file, "the entry " + MODEL_ENTRY + " is implausibly large ("
                    + entry.getSize() + " bytes)");
        try (InputStream raw = zip.getInputStream(entry)) {
            CheckedInput in = new CheckedInput(raw, MAX_MODEL_BYTES);
            NetworkArchive.Network parts = null;
            ModelBundleException problem = null;
            try {
                parts = NetworkArchive.read(file, in);
            } catch (ModelBundleException e) {
                problem = e;
            } catch (IOException | RuntimeException e) {
                problem = new ModelBundleException(file, MODEL_ENTRY + " is not a readable DL4J network ("
                        + (e.getMessage() == null ? "unreadable" : firstLine(e.getMessage())) + ")", e);
            }
            // after the network only the inner zip's directory is left; after a failure, read on (within reason) so
            // that damage is reported as damage
            boolean complete = in.drain(problem == null ? MAX_TRAILING_BYTES : MAX_DRAINED_BYTES);
            if (in.tooLarge)
                throw new ModelBundleException(file, "the entry " + MODEL_ENTRY + " is implausibly large");
            if (!complete) {
                if (problem != null) throw problem;
                throw new ModelBundleException(file, "the entry " + MODEL_ENTRY + " holds more than a network "
                        + "(over " + MAX_TRAILING_BYTES + " bytes after its last entry)");
            }
            if (entry.getSize() >= 0 && in.count != entry.getSize())
                throw new ModelBundleException(file, "the entry " + MODEL_ENTRY + " is truncated");
            if (entry.getCrc() >= 0 && in.crc.getValue() != entry.getCrc())
                throw new ModelBundleException(file, "the entry " + MODEL_ENTRY + " is corrupt (CRC mismatch)");
            String actual = HexFormat.of().formatHex(in.sha256.digest());
            if (!actual.equalsIgnoreCase(expectedSha256))
                throw new ModelBundleException(file, "checksum mismatch: " + MODEL_ENTRY + " has SHA-256 " + actual
                        + " but " + MANIFEST_ENTRY + " records " + expectedSha256
                        + " (the file is damaged or was modified)");
            if (problem != null) throw problem;
            return parts;
        } catch (IOException e) {
            throw new ModelBundleException(file, "the entry " + MODEL_ENTRY + " is corrupt (" + e.getMessage() + ")",
                    e);
        }
    }

    /** Counts, CRCs and hashes what is read through it; stops (and says so) after {@code max} bytes. */
    private static final class CheckedInput extends InputStream {
        private final InputStream in;
        private final long max;
        final CRC32 crc = new CRC32();
        final MessageDigest sha256;
        long count;
        boolean tooLarge;

        CheckedInput(InputStream in, long max) {
            this.in = in;
            this.max = max;
            try {
                this.sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java platform has SHA-256", e);
            }
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (count >= max) {
                if (in.read() < 0) return -1;
                tooLarge = true;
                throw new IOException("more than " + max + " bytes");
            }
            int n = in.read(b, off, (int) Math.min(len, max - count));
            if (n > 0) {
                crc.update(b, off, n);
                sha256.update(b, off, n);
                count += n;
            }
            return n;
        }

        /**
         * Reads on, at most {@code limit} more bytes, counting, CRC-ing and hashing them: true if that reached the end.
         */
        boolean drain(long limit) throws IOException {
            byte[] buffer = new byte[1 << 16];
            long stop = count + limit;
            try {
                while (count < stop) {
                    if (read(buffer, 0, (int) Math.min(buffer.length, stop - count)) < 0) return true;
                }
                return read() < 0;
            } catch (IOException e) {
                if (!tooLarge) throw e;
                return false;
            }
        }
    }

    private static Manifest parseManifest(Path file, byte[] bytes) throws ModelBundleException {
        String shape = JsonLimits.problem(bytes, MAX_MANIFEST_DEPTH, MAX_MANIFEST_ARRAY);
        if (shape != null) throw new ModelBundleException(file, MANIFEST_ENTRY + " is implausible (" + shape + ")");
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new ModelBundleException(file, MANIFEST_ENTRY + " is not valid JSON ("
                    + firstLine(e.getMessage()) + ")", e);
        }
        if (root == null || !root.isObject())
            throw new ModelBundleException(file, MANIFEST_ENTRY + " is not a JSON object");
        JsonNode version = root.get("formatVersion");
        if (version == null || !version.isIntegralNumber())
            throw new ModelBundleException(file, MANIFEST_ENTRY + " has no integer formatVersion");
        if (version.asLong() > FORMAT_VERSION)
            throw new ModelBundleException(file, "it has format version " + version.asText()
                    + ", newer than this EmoScope reads (up to " + FORMAT_VERSION + "): update EmoScope");
        if (version.asLong() < 1)
            throw new ModelBundleException(file, "it has unknown format version " + version.asText());
        for (String field : REQUIRED_FIELDS)
            if (root.get(field) == null || root.get(field).isNull())
                throw new ModelBundleException(file, MANIFEST_ENTRY + " lacks the field " + field);
        String functionals = functionalsTooLarge(root.get("functionals"));
        if (functionals != null)
            throw new ModelBundleException(file, "the functionals classifier in " + MANIFEST_ENTRY + " is implausibly "
                    + "large (" + functionals + ")");
        try {
            return JSON.treeToValue(root, Manifest.class);
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException iae ? iae : e;
            String where = e instanceof JsonMappingException m
                    ? m.getPathReference().replace(Manifest.class.getName(), MANIFEST_ENTRY) : MANIFEST_ENTRY;
            throw new ModelBundleException(file, "invalid value in " + where + ": "
                    + firstLine(cause.getMessage()), e);
        }
    }

    /**
     * What makes a manifest's functionals classifier larger than any real one could be (more than
     * {@value #MAX_FUNCTIONALS_LAYERS} layers, a layer or statistics array wider than {@value #MAX_FUNCTIONALS_WIDTH}),
     * or null. Checked on the tree, before any array is allocated from it.
     */
    private static String functionalsTooLarge(JsonNode functionals) {
        if (functionals == null || !functionals.isObject()) return null;
        for (String field : List.of("features", "mean", "scale", "voice")) {
            JsonNode array = functionals.get(field);
            if (array != null && array.size() > MAX_FUNCTIONALS_WIDTH)
                return field + " has " + array.size() + " values, at most " + MAX_FUNCTIONALS_WIDTH + " are allowed";
        }
        JsonNode layers = functionals.get("layers");
        if (layers == null) return null;
        if (layers.size() > MAX_FUNCTIONALS_LAYERS)
            return layers.size() + " layers, at most " + MAX_FUNCTIONALS_LAYERS + " are allowed";
        for (JsonNode layer : layers) {
            JsonNode weights = layer.get("weights");
            JsonNode bias = layer.get("bias");
            if (bias != null && bias.size() > MAX_FUNCTIONALS_WIDTH
                    || weights != null && weights.size() > MAX_FUNCTIONALS_WIDTH)
                return "a layer has more than " + MAX_FUNCTIONALS_WIDTH + " outputs";
            if (weights != null)
                for (JsonNode row : weights)
                    if (row.size() > MAX_FUNCTIONALS_WIDTH)
                        return "a layer has more than " + MAX_FUNCTIONALS_WIDTH + " inputs";
        }
        return null;
    }

    private static String firstLine(String message) {
        if (message == null) return "";
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /** Lower-case hex SHA-256 of {@code data}: the project's one hashing helper (bundles, checkpoints, caches). */
    public static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
