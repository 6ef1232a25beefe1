package org.emoscope.cli;

import org.emoscope.pipeline.FileAnalysis;
import org.emoscope.pipeline.ResultFormat;

import java.io.PrintWriter;
import java.util.List;

/** CSV in the {@link ResultFormat} layout: a header, then per file its rows. */
final class CsvResultWriter implements ResultWriter {
    private final PrintWriter out;
    private final int labelCount;

    CsvResultWriter(PrintWriter out, List<String> labels) {
        this.out = out;
        this.labelCount = labels.size();
        out.println(ResultFormat.csvHeader(labels));
    }

    @Override
    public void result(FileAnalysis a) {
        ResultFormat.csvRows(a).forEach(out::println);
    }

    @Override
    public void error(String file, String reason) {
        out.println(ResultFormat.csvError(file, reason, labelCount));
    }
}
