package org.emoscope.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.emoscope.pipeline.FileAnalysis;
import org.emoscope.pipeline.Segment;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON Lines: one object per file. */
final class JsonResultWriter implements ResultWriter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final PrintWriter out;
    private final String model;

    JsonResultWriter(PrintWriter out, String model) {
        this.out = out;
        this.model = model;
    }

    @Override
    public void result(FileAnalysis a) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("file", a.file());
        o.put("model", model);
        o.put("duration_s", round(a.durationSeconds(), 3));
        o.put("label", a.label());
        o.put("confidence", round(a.confidence(), 4));
        o.put("speech_fraction", round(a.speechFraction(), 3));
        o.put("probabilities", probabilities(a.labels(), a.probabilities()));
        List<Map<String, Object>> segs = new ArrayList<>();
        for (Segment s : a.segments()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("start_s", round(s.startSeconds(), 3));
            m.put("end_s", round(s.endSeconds(), 3));
            m.put("label", s.label());
            m.put("probabilities", probabilities(a.labels(), s.probabilities()));
            segs.add(m);
        }
        o.put("segments", segs);
        write(o);
    }

    @Override
    public void error(String file, String reason) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("file", file);
        o.put("error", reason);
        write(o);
    }

    private void write(Map<String, Object> o) {
        try {
            out.println(JSON.writeValueAsString(o));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> probabilities(List<String> labels, float[] p) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < labels.size(); i++) m.put(labels.get(i), round(p[i], 6));
        return m;
    }

    static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
