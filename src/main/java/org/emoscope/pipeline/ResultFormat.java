package org.emoscope.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one definition of how a {@link FileAnalysis} is written out, shared by {@code emoscope analyze} and the
 * app's export: a JSON object per file (file, model, duration_s, label, confidence, speech_fraction,
 * probabilities, segments with start_s, end_s, label, probabilities), or CSV with a {@code file} row per file
 * followed by its {@code segment} rows, and an {@code error} row for a file that failed.
 *
 * <p>Numbers are plain decimals, rounded to the precision each field has (seconds to the millisecond,
 * probabilities to 6 places), never in exponent notation ({@code 0.000862}, not {@code 8.62E-4}). A file or
 * segment with no speech ({@link WindowResult#NO_SPEECH}) has no probabilities: the model's output for noise or
 * silence says nothing about an emotion. When the analysis explained its windows
 * ({@link AnalyzerSettings#explainSteps()}), the JSON object also has {@code windows}: each window's start_s, end_s,
 * speech, and the compact explanation of a speech window ({@link WindowExplanations#json}) or the frame attention
 * of a window without speech. A file that was analysed although something is wrong with it (it is
 * truncated) has a {@code warning}.
 */
public final class ResultFormat {

    private ResultFormat() {
    }

    /** The JSON object for one analysed file (insertion-ordered, ready for Jackson). */
    public static Map<String, Object> json(FileAnalysis a, String model) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("file", a.file());
        o.put("model", model);
        if (a.warning() != null) o.put("warning", a.warning());
        o.put("duration_s", round(a.durationSeconds(), 3));
        o.put("label", a.label());
        o.put("confidence", round(a.confidence(), 4));
        o.put("speech_fraction", round(a.speechFraction(), 3));
        if (!noSpeech(a.label())) o.put("probabilities", probabilities(a.labels(), a.probabilities()));
        List<Map<String, Object>> segments = new ArrayList<>();
        for (Segment s : a.segments()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("start_s", round(s.startSeconds(), 3));
            m.put("end_s", round(s.endSeconds(), 3));
            m.put("label", s.label());
            if (!noSpeech(s.label())) m.put("probabilities", probabilities(a.labels(), s.probabilities()));
            segments.add(m);
        }
        o.put("segments", segments);
        if (a.windows().stream().anyMatch(w -> w.explanation() != null)) {
            List<Map<String, Object>> windows = new ArrayList<>();
            for (WindowResult w : a.windows()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("start_s", round(w.startSeconds(), 3));
                m.put("end_s", round(w.endSeconds(), 3));
                m.put("speech", w.speech());
                if (w.explanation() != null) {
                    m.put("explanation", WindowExplanations.json(w.explanation(), w.startSeconds()));
                } else {
                    List<Object> att = new ArrayList<>();
                    for (float v : w.prediction().frameAttention()) att.add(round(v, 3));
                    m.put("attention", att);
                }
                windows.add(m);
            }
            o.put("windows", windows);
        }
        return o;
    }

    /** The JSON object for a file that could not be analysed. */
    public static Map<String, Object> jsonError(String file, String reason) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("file", file);
        o.put("error", reason);
        return o;
    }

    /** The CSV header for a model with {@code labels}. */
    public static String csvHeader(List<String> labels) {
        StringBuilder h = new StringBuilder("file,scope,start_s,end_s,label,confidence");
        for (String l : labels) h.append(",p_").append(l);
        return h.append(",error").toString();
    }

    /** The CSV rows of one analysed file: its {@code file} row, then one {@code segment} row per segment. */
    public static List<String> csvRows(FileAnalysis a) {
        List<String> rows = new ArrayList<>();
        rows.add(row(a.file(), "file", 0, a.durationSeconds(), a.label(), a.probabilities(), a.confidence()));
        for (Segment s : a.segments()) {
            int i = a.labels().indexOf(s.label());
            double conf = i < 0 ? 0 : s.probabilities()[i];
            rows.add(row(a.file(), "segment", s.startSeconds(), s.endSeconds(), s.label(), s.probabilities(), conf));
        }
        return rows;
    }

    /** The CSV row of a file that could not be analysed. */
    public static String csvError(String file, String reason, int labelCount) {
        return quote(file) + ",error,,,," + ",".repeat(labelCount) + ',' + quote(reason);
    }

    private static String row(String file, String scope, double start, double end, String label, float[] p,
                              double confidence) {
        StringBuilder b = new StringBuilder(quote(file)).append(',').append(scope)
                .append(String.format(Locale.ROOT, ",%.3f,%.3f,", start, end)).append(label)
                .append(String.format(Locale.ROOT, ",%.4f", confidence));
        for (float v : p) b.append(noSpeech(label) ? "," : String.format(Locale.ROOT, ",%.6f", v));
        return b.append(',').toString();
    }

    static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) return s;
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    private static Map<String, Object> probabilities(List<String> labels, float[] p) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < labels.size() && i < p.length; i++) m.put(labels.get(i), round(p[i], 6));
        return m;
    }

    private static boolean noSpeech(String label) {
        return WindowResult.NO_SPEECH.equals(label);
    }

    /** {@code v} to {@code digits} places, trailing zeros dropped down to one: 0.83, 0.000862, 1.0, 0.0. */
    static java.math.BigDecimal round(double v, int digits) {
        if (!Double.isFinite(v)) v = 0; // JSON has no NaN (never expected here)
        java.math.BigDecimal d = java.math.BigDecimal.valueOf(v).setScale(digits, java.math.RoundingMode.HALF_UP)
                .stripTrailingZeros();
        return d.scale() < 1 ? d.setScale(1, java.math.RoundingMode.UNNECESSARY) : d;
    }
}
