package org.emoscope.model;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Hostile model bundles for the tests and the fuzzer's seeds: a valid bundle taken apart, its {@code model.bin}
 * entries replaced, added or inflated, and put together again with a manifest whose checksum agrees, so that
 * {@link ModelBundle#load} gets past the checksum to what is being tested.
 */
final class CraftedBundles {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CraftedBundles() {
    }

    /** The outer bundle's manifest and model entry. */
    record Parts(ObjectNode manifest, byte[] model) {
    }

    static Parts parts(Path bundle) throws IOException {
        try (ZipFile zip = new ZipFile(bundle.toFile())) {
            ObjectNode manifest = (ObjectNode) JSON.readTree(
                    zip.getInputStream(zip.getEntry(ModelBundle.MANIFEST_ENTRY)));
            byte[] model = zip.getInputStream(zip.getEntry(ModelBundle.MODEL_ENTRY)).readAllBytes();
            return new Parts(manifest, model);
        }
    }

    /** The entries of a zip, in order. */
    static Map<String, byte[]> entries(byte[] zip) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) out.put(e.getName(), in.readAllBytes());
        }
        return out;
    }

    /** A deflated zip of {@code entries}, in order. */
    static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /**
     * Writes a bundle of {@code manifest} (its checksum set to {@code model}'s) and {@code model}, stored as
     * {@link ModelBundle#save} stores it, or deflated.
     */
    static Path write(Path out, ObjectNode manifest, byte[] model, boolean deflateModel) throws IOException {
        ObjectNode m = manifest.deepCopy();
        m.put("modelSha256", ModelBundle.sha256(model));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(ModelBundle.MANIFEST_ENTRY));
            zip.write(JSON.writeValueAsBytes(m));
            zip.closeEntry();
            ZipEntry entry = new ZipEntry(ModelBundle.MODEL_ENTRY);
            if (!deflateModel) {
                CRC32 crc = new CRC32();
                crc.update(model);
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(model.length);
                entry.setCompressedSize(model.length);
                entry.setCrc(crc.getValue());
            }
            zip.putNextEntry(entry);
            zip.write(model);
            zip.closeEntry();
        }
        return Files.write(out, bytes.toByteArray());
    }

    /** A copy of {@code bundle} whose model.bin entries were changed by {@code edit} (a mutable, ordered map). */
    static Path withModelEntries(Path bundle, Path out, Consumer<Map<String, byte[]>> edit) throws IOException {
        Parts parts = parts(bundle);
        Map<String, byte[]> entries = entries(parts.model());
        edit.accept(entries);
        return write(out, parts.manifest(), zip(entries), false);
    }

    /** A copy of {@code bundle} whose configuration.json text was changed by {@code edit}. */
    static Path withConfiguration(Path bundle, Path out, java.util.function.UnaryOperator<String> edit)
            throws IOException {
        return withModelEntries(bundle, out, e -> e.put(NetworkArchive.CONFIGURATION, edit.apply(
                new String(e.get(NetworkArchive.CONFIGURATION), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * A raw deflate stream of {@code megabytes} MB of zero bytes, a few kilobytes per gigabyte: blocks of 1 MB are
     * compressed with a sync flush, and once the window is all zeros every block compresses to the same bytes, which
     * are repeated.
     */
    static byte[] zerosDeflated(int megabytes) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        byte[] block = new byte[1 << 20];
        List<byte[]> firstBlocks = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            deflater.setInput(block);
            firstBlocks.add(drain(deflater, Deflater.SYNC_FLUSH));
        }
        if (!java.util.Arrays.equals(firstBlocks.get(1), firstBlocks.get(2)))
            throw new IllegalStateException("zlib did not repeat itself");
        deflater.finish();
        byte[] last = drain(deflater, Deflater.FULL_FLUSH);
        deflater.end();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(firstBlocks.get(0));
        for (int i = 1; i < megabytes; i++) out.writeBytes(firstBlocks.get(1));
        out.writeBytes(last);
        return out.toByteArray();
    }

    private static byte[] drain(Deflater deflater, int flush) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[1 << 16];
        while (true) {
            int n = deflater.deflate(buffer, 0, buffer.length, flush);
            out.write(buffer, 0, n);
            if (n < buffer.length && (deflater.needsInput() || deflater.finished())) break;
        }
        return out.toByteArray();
    }

    /**
     * A zip written by hand: each entry's data is given already compressed, with the method, CRC and uncompressed
     * size it claims (which may be lies), so that bombs and inconsistent entries can be made.
     */
    record RawEntry(String name, boolean deflated, long crc, byte[] data, long claimedSize) {
    }

    static byte[] rawZip(List<RawEntry> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream central = new ByteArrayOutputStream();
        for (RawEntry e : entries) {
            byte[] name = e.name().getBytes(StandardCharsets.UTF_8);
            int offset = out.size();
            ByteBuffer local = ByteBuffer.allocate(30).order(ByteOrder.LITTLE_ENDIAN);
            local.putInt(0x04034b50).putShort((short) 20).putShort((short) 0)
                    .putShort((short) (e.deflated() ? 8 : 0)).putShort((short) 0).putShort((short) 0x21)
                    .putInt((int) e.crc()).putInt(e.data().length).putInt((int) e.claimedSize())
                    .putShort((short) name.length).putShort((short) 0);
            out.writeBytes(local.array());
            out.writeBytes(name);
            out.writeBytes(e.data());
            ByteBuffer dir = ByteBuffer.allocate(46).order(ByteOrder.LITTLE_ENDIAN);
            dir.putInt(0x02014b50).putShort((short) 20).putShort((short) 20).putShort((short) 0)
                    .putShort((short) (e.deflated() ? 8 : 0)).putShort((short) 0).putShort((short) 0x21)
                    .putInt((int) e.crc()).putInt(e.data().length).putInt((int) e.claimedSize())
                    .putShort((short) name.length).putShort((short) 0).putShort((short) 0).putShort((short) 0)
                    .putShort((short) 0).putInt(0).putInt(offset);
            central.writeBytes(dir.array());
            central.writeBytes(name);
        }
        int centralOffset = out.size();
        out.writeBytes(central.toByteArray());
        ByteBuffer end = ByteBuffer.allocate(22).order(ByteOrder.LITTLE_ENDIAN);
        end.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) entries.size())
                .putShort((short) entries.size()).putInt(central.size()).putInt(centralOffset).putShort((short) 0);
        out.writeBytes(end.array());
        return out.toByteArray();
    }

    /** A deflated raw entry of {@code data} with its true CRC and size. */
    static RawEntry deflatedEntry(String name, byte[] data) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        deflater.setInput(data);
        deflater.finish();
        byte[] compressed = drain(deflater, Deflater.NO_FLUSH);
        deflater.end();
        CRC32 crc = new CRC32();
        crc.update(data);
        return new RawEntry(name, true, crc.getValue(), compressed, data.length);
    }

    /** Unused entries list for readability at call sites. */
    static List<RawEntry> list(RawEntry... entries) {
        List<RawEntry> out = new ArrayList<>();
        Collections.addAll(out, entries);
        return out;
    }
}
