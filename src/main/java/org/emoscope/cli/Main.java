package org.emoscope.cli;

import org.emoscope.model.Nd4jRuntime;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/**
 * Entry point of {@code emoscope.jar}: with a subcommand it runs that command; with none it opens the desktop app.
 */
@Command(name = "emoscope", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Hears emotion in speech. With no command, opens the desktop app.",
        subcommands = {AnalyzeCommand.class, TrainCommand.class, EvaluateCommand.class, BenchCommand.class, SoakCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Callable<Integer> {

    public static void main(String[] args) {
        Nd4jRuntime.configure();
        int code = new CommandLine(new Main())
                .setExecutionExceptionHandler(Main::reportFailure)
                .execute(args);
        System.exit(code);
    }

    @Override
    public Integer call() {
        return DesktopLauncher.launch();
    }

    /** An unexpected failure: one line on stderr, no stack trace unless EMOSCOPE_DEBUG is set. */
    private static int reportFailure(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        cmd.getErr().println("emoscope: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        if (System.getenv("EMOSCOPE_DEBUG") != null) e.printStackTrace(cmd.getErr());
        return 1;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[]{"emoscope " + (v == null ? "dev" : v)};
        }
    }
}
