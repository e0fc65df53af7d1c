package org.gmmharness.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code gmm-harness.jar}. Exit codes: 0 on success, 1 when a check fails, 2 on
 * bad usage or bad input.
 */
@Command(name = "gmm-harness", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Gaussian mixture models by EM on JVM linear-algebra backends, to scikit-learn's specification.",
        subcommands = {BenchCommand.class, FitCommand.class, PredictCommand.class, SampleCommand.class,
                SelectCommand.class, AnomaliesCommand.class, PlotCommand.class})
public final class Main implements Runnable {

    /** Exit code for bad usage or bad input. */
    public static final int BAD_INPUT = 2;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** @return the configured command line, for tests and for {@link #main} */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExitCodeExceptionMapper(e -> BAD_INPUT);
        cl.setParameterExceptionHandler((e, args) -> {
            e.getCommandLine().getErr().println(e.getMessage());
            e.getCommandLine().getErr().println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName()
                    + " --help' for usage.");
            return BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((e, command, parseResult) -> {
            if (e instanceof IllegalArgumentException || e instanceof java.io.UncheckedIOException
                    || e instanceof java.io.IOException || e instanceof ArithmeticException) {
                command.getErr().println("error: " + e.getMessage());
                return BAD_INPUT;
            }
            throw e;
        });
        return cl;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: choose one of "
                + String.join(", ", spec.subcommands().keySet()) + ".");
    }
}
