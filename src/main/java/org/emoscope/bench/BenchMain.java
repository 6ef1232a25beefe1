package org.emoscope.bench;

import org.emoscope.cli.Main;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * Entry point of the benchmark and soak harness, kept out of the product: {@code bin/emoscope bench ...} and
 * {@code bin/emoscope soak ...} run {@code java -cp emoscope.jar org.emoscope.bench.BenchMain bench|soak ...}.
 * Nothing in the product depends on this package (ArchitectureTest says so); it may use anything in the product.
 */
@Command(name = "emoscope", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "The benchmark and soak harness: measures the product's speed, memory and endurance.",
        subcommands = {BenchCommand.class, SoakCommand.class, CommandLine.HelpCommand.class})
public final class BenchMain implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(Main.run(new BenchMain(), args));
    }

    /** No command: the usage, and the exit code of a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }
}
