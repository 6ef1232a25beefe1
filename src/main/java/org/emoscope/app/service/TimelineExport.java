package org.emoscope.app.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.emoscope.pipeline.FileAnalysis;
import org.emoscope.pipeline.Segment;
import org.emoscope.pipeline.WindowResult;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes file timelines with the same fields as {@code emoscope analyze}: JSON objects with file, model, duration_s,
 * label, confidence, speech_fraction, probabilities and segments (start_s, end_s, label, probabilities), and the
 * same CSV (a {@code file} row per file followed by its {@code segment} rows). The format follows the extension:
 * {@code .csv}; {@code .jsonl} (one object per line, exactly the CLI's output); anything else is JSON: an array
 * of those objects.
 */
public final class TimelineExport {

    /** One analysed file and the model that analysed it. */
    public record Entry(FileAnalysis analysis, String model) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private TimelineExport() {
    }

    /** Writes {@code entries} to {@code file} in the format its extension names. */
    public static void write(List<Entry> entries, Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String text;
        if (name.endsWith(".csv")) text = csv(entries);
        else if (name.endsWith(".jsonl")) text = jsonLines(entries);
        else text = JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(objects(entries)) + "\n";
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    static String jsonLines(List<Entry> entries) throws IOException {
        StringBuilder b = new StringBuilder();
        for (Map<String, Object> o : objects(entries)) b.append(JSON.writeValueAsString(o)).append('\n');
        return b.toString();
    }

    static List<Map<String, Object>> objects(List<Entry> entries) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Entry e : entries) out.add(object(e.analysis(), e.model()));
        return out;
    }

    /** The CLI's JSON object for one file. */
    public static Map<String, Object> object(FileAnalysis a, String model) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("file", a.file());
        o.put("model", model);
        o.put("duration_s", round(a.durationSeconds(), 3));
        o.put("label", a.label());
        o.put("confidence", round(a.confidence(), 4));
        o.put("speech_fraction", round(a.speechFraction(), 3));
        o.put("probabilities", probabilities(a.labels(), a.probabilities()));
        List<Map<String, Object>> segments = new ArrayList<>();
        for (Segment s : a.segments()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("start_s", round(s.startSeconds(), 3));
            m.put("end_s", round(s.endSeconds(), 3));
            m.put("label", s.label());
            m.put("probabilities", probabilities(a.labels(), s.probabilities()));
            segments.add(m);
        }
        o.put("segments", segments);
        return o;
    }

    /** The CLI's CSV: header, then per file a {@code file} row and its {@code segment} rows. */
    static String csv(List<Entry> entries) {
        StringWriter sw = new StringWriter();
        PrintWriter out = new PrintWriter(sw);
        List<String> labels = entries.isEmpty() ? List.of() : entries.get(0).analysis().labels();
        StringBuilder h = new StringBuilder("file,scope,start_s,end_s,label,confidence");
        for (String l : labels) h.append(",p_").append(l);
        h.append(",error");
        out.println(h);
        for (Entry e : entries) {
            FileAnalysis a = e.analysis();
            row(out, a.file(), "file", 0, a.durationSeconds(), a.label(), a.probabilities(), a.confidence());
            for (Segment s : a.segments()) {
                int i = a.labels().indexOf(s.label());
                double conf = s.label().equals(WindowResult.NO_SPEECH) || i < 0 ? 0 : s.probabilities()[i];
                row(out, a.file(), "segment", s.startSeconds(), s.endSeconds(), s.label(), s.probabilities(), conf);
            }
        }
        out.flush();
        return sw.toString();
    }

    private static void row(PrintWriter out, String file, String scope, double start, double end, String label,
                            float[] p, double conf) {
        StringBuilder b = new StringBuilder(quote(file)).append(',').append(scope)
                .append(String.format(Locale.ROOT, ",%.3f,%.3f,", start, end)).append(label)
                .append(String.format(Locale.ROOT, ",%.4f", conf));
        for (float v : p) b.append(String.format(Locale.ROOT, ",%.6f", v));
        b.append(',');
        out.println(b);
    }

    private static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) return s;
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    private static Map<String, Object> probabilities(List<String> labels, float[] p) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < labels.size() && i < p.length; i++) m.put(labels.get(i), round(p[i], 6));
        return m;
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
