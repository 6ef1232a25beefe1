package org.emoscope.cli;

import org.emoscope.pipeline.FileAnalysis;
import org.emoscope.pipeline.Segment;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * CSV: a header, then per file one {@code file} row (the whole file) followed by its {@code segment} rows; a file
 * that failed gets one {@code error} row.
 */
final class CsvResultWriter implements ResultWriter {
    private final PrintWriter out;
    private final List<String> labels;

    CsvResultWriter(PrintWriter out, List<String> labels) {
        this.out = out;
        this.labels = labels;
        StringBuilder h = new StringBuilder("file,scope,start_s,end_s,label,confidence");
        for (String l : labels) h.append(",p_").append(l);
        h.append(",error");
        out.println(h);
    }

    @Override
    public void result(FileAnalysis a) {
        row(a.file(), "file", 0, a.durationSeconds(), a.label(), a.probabilities(), a.confidence());
        for (Segment s : a.segments()) {
            double conf = s.label().equals(org.emoscope.pipeline.WindowResult.NO_SPEECH) ? 0
                    : s.probabilities()[labels.indexOf(s.label())];
            row(a.file(), "segment", s.startSeconds(), s.endSeconds(), s.label(), s.probabilities(), conf);
        }
    }

    @Override
    public void error(String file, String reason) {
        StringBuilder b = new StringBuilder(quote(file)).append(",error,,,,");
        b.append(",".repeat(labels.size())).append(',').append(quote(reason));
        out.println(b);
    }

    private void row(String file, String scope, double start, double end, String label, float[] p, double conf) {
        StringBuilder b = new StringBuilder(quote(file)).append(',').append(scope)
                .append(String.format(Locale.ROOT, ",%.3f,%.3f,", start, end)).append(label)
                .append(String.format(Locale.ROOT, ",%.4f", conf));
        for (float v : p) b.append(String.format(Locale.ROOT, ",%.6f", v));
        b.append(',');
        out.println(b);
    }

    static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) return s;
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
