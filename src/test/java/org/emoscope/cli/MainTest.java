package org.emoscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The top-level command line: files open in the app, subcommands still win, a mistyped command is caught. */
class MainTest {

    @Test
    void filesWithoutACommandAreForTheApp() {
        Main main = new Main();
        CommandLine.ParseResult r = new CommandLine(main).parseArgs("a.wav", "music/b.flac");
        assertFalse(r.hasSubcommand());
        assertEquals(List.of("a.wav", "music/b.flac"), main.files);
    }

    @Test
    void aSubcommandIsStillACommand() {
        Main main = new Main();
        CommandLine.ParseResult r = new CommandLine(main).parseArgs("analyze", "a.wav");
        assertTrue(r.hasSubcommand());
        assertEquals("analyze", r.subcommand().commandSpec().name());
        assertTrue(main.files.isEmpty());
    }

    @Test
    void aMistypedCommandIsReportedNotOpened() {
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = new CommandLine(new Main()).execute("analyse", "x.wav");
        } finally {
            System.setErr(old);
        }
        assertEquals(2, code);
        String message = err.toString(StandardCharsets.UTF_8);
        assertTrue(message.contains("\"analyse\" is neither a command nor a file"), message);
        assertTrue(message.contains("analyze"), "lists the commands: " + message);
        assertTrue(Main.looksLikeCommand("trian"));
        assertFalse(Main.looksLikeCommand("take1.wav"));
        assertFalse(Main.looksLikeCommand("recordings/take1"));
    }

    @Test
    void everyCommandPrintsItsVersion() {
        CommandLine root = new CommandLine(new Main());
        for (String name : root.getSubcommands().keySet()) {
            if (name.equals("help")) continue;
            for (String flag : List.of("--version", "-V")) {
                java.io.StringWriter out = new java.io.StringWriter();
                CommandLine cmd = new CommandLine(new Main());
                cmd.setOut(new java.io.PrintWriter(out));
                int code = cmd.execute(name, flag);
                assertEquals(0, code, name + " " + flag);
                assertTrue(out.toString().startsWith("emoscope "), name + " " + flag + " printed: \"" + out + "\"");
            }
        }
        java.io.StringWriter out = new java.io.StringWriter();
        CommandLine cmd = new CommandLine(new Main());
        cmd.setOut(new java.io.PrintWriter(out));
        assertEquals(0, cmd.execute("--version"));
        assertTrue(out.toString().startsWith("emoscope "), out.toString());
    }
}
