package org.emoscope.cli;

import org.emoscope.pipeline.FileAnalysis;

/** Writes analysis results in one output format. */
interface ResultWriter {
    void result(FileAnalysis analysis);

    void error(String file, String reason);
}
