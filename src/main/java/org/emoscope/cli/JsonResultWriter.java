package org.emoscope.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.emoscope.pipeline.FileAnalysis;
import org.emoscope.pipeline.ResultFormat;

import java.io.PrintWriter;
import java.util.Map;

/** JSON Lines: one {@link ResultFormat#json} object per file. */
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
        write(ResultFormat.json(a, model));
    }

    @Override
    public void error(String file, String reason) {
        write(ResultFormat.jsonError(file, reason));
    }

    private void write(Map<String, Object> o) {
        try {
            out.println(JSON.writeValueAsString(o));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
