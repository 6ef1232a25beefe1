package org.emoscope.app.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.emoscope.pipeline.FileAnalysis;
import org.emoscope.pipeline.ResultFormat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes file timelines with the same fields as {@code emoscope analyze}: JSON objects with file, model, duration_s,
 * label, confidence, speech_fraction, probabilities and segments (start_s, end_s, label, probabilities), and, for
 * analyses whose windows were explained, {@code windows} as {@code analyze --explain} writes them; and the same
 * CSV (a {@code file} row per file followed by its {@code segment} rows). The format follows the extension:
 * {@code .csv}; {@code .jsonl} (one object per line, exactly the CLI's output); anything else is JSON: an array of
 * those objects.
 */
public final class TimelineExport {

    /** One analysed file and the model that analysed it. */
    public record Entry(FileAnalysis analysis, String model) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private TimelineExport() {
    }

    /** Whether {@code file} is written as CSV (by its extension): CSV has no room for explanations. */
    public static boolean isCsv(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
    }

    /** Writes {@code entries} to {@code file} in the format its extension names. */
    public static void write(List<Entry> entries, Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String text;
        if (name.endsWith(".csv")) text = csv(entries);
        else if (name.endsWith(".jsonl")) text = jsonLines(entries);
        else text = JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(objects(entries)) + "\n";
        // written beside it and moved into place, so a reader never sees half a file
        Path dir = file.toAbsolutePath().getParent();
        Path part = Files.createTempFile(dir, "." + file.getFileName(), ".part");
        try {
            Files.writeString(part, text, StandardCharsets.UTF_8);
            try {
                Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(part, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(part);
        }
    }

    static String jsonLines(List<Entry> entries) throws IOException {
        StringBuilder b = new StringBuilder();
        for (Map<String, Object> o : objects(entries)) b.append(JSON.writeValueAsString(o)).append('\n');
        return b.toString();
    }

    static List<Map<String, Object>> objects(List<Entry> entries) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Entry e : entries) out.add(ResultFormat.json(e.analysis(), e.model()));
        return out;
    }

    /** The CLI's CSV: header, then per file a {@code file} row and its {@code segment} rows. */
    static String csv(List<Entry> entries) {
        List<String> labels = entries.isEmpty() ? List.of() : entries.get(0).analysis().labels();
        StringBuilder b = new StringBuilder(ResultFormat.csvHeader(labels)).append('\n');
        for (Entry e : entries) for (String row : ResultFormat.csvRows(e.analysis())) b.append(row).append('\n');
        return b.toString();
    }
}
