package org.emoscope.cli;

import org.emoscope.model.Nd4jRuntime;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Entry point of {@code emoscope.jar}: with a subcommand it runs that command; with none it opens the desktop app.
 */
@Command(name = "emoscope", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Hears emotion in speech. With no command, opens the desktop app (on the FILEs given, if any).",
        subcommands = {AnalyzeCommand.class, TrainCommand.class, EvaluateCommand.class, RobustnessCommand.class,
                ExplainCheckCommand.class,
                SpeechDetectionCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Callable<Integer> {

    @CommandLine.Parameters(arity = "0..*", paramLabel = "FILE",
            description = "Audio files to open in the desktop app (as if dropped on its window).")
    List<String> files = new ArrayList<>();

    public static void main(String[] args) {
        System.exit(run(new Main(), args));
    }

    /**
     * Runs a top-level command as {@code emoscope} does: ND4J configured, enum values in any case, an unexpected
     * failure as one line. The bench harness's entry point ({@code org.emoscope.bench.BenchMain}) runs the same way.
     */
    public static int run(Object command, String... args) {
        Nd4jRuntime.configure();
        return new CommandLine(command)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(Main::reportFailure)
                .execute(args);
    }

    @Override
    public Integer call() {
        if (!files.isEmpty() && looksLikeCommand(files.get(0))) {
            System.err.println("emoscope: \"" + files.get(0) + "\" is neither a command nor a file (commands: "
                    + String.join(", ", new CommandLine(new Main()).getSubcommands().keySet()) + ")");
            return 2;
        }
        return DesktopLauncher.launch(files);
    }

    /** A word that is not an existing file and has no extension or folder in it: most likely a mistyped command. */
    static boolean looksLikeCommand(String arg) {
        return !java.nio.file.Files.exists(java.nio.file.Path.of(arg)) && !arg.contains(".") && !arg.contains("/")
                && !arg.contains(java.io.File.separator);
    }

    /** An unexpected failure: one line on stderr, no stack trace unless EMOSCOPE_DEBUG is set. */
    private static int reportFailure(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        cmd.getErr().println("emoscope: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        if (System.getenv("EMOSCOPE_DEBUG") != null) e.printStackTrace(cmd.getErr());
        return 1;
    }

    /** {@code emoscope VERSION} from the jar's manifest ({@code dev} when run from classes). */
    public static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[]{"emoscope " + (v == null ? "dev" : v)};
        }
    }
}
