package org.gmmharness.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.gmmharness.io.FailFastOutputStream;
import org.gmmharness.io.WriteFailedException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Entry point of {@code gmm-harness.jar}. Exit codes ({@link #EXIT_CODES}, listed in every
 * command's {@code --help}): 0 on success, 1 when an output cannot be written or something
 * unexpected happens, 2 on bad usage or bad input, 3 when Java runs out of memory.
 * Errors are one line on stderr; {@code --debug} adds the stack trace.
 *
 * <p>The subcommands are added in code rather than in {@code @Command}, so that
 * a run builds picocli's model only of the command it invokes: building all six (reflection over
 * every annotated option, its generic type and converters) added about 0.1 s of CPU time to every
 * run, a small fit's included.
 */
@Command(name = "gmm-harness", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Gaussian mixture models by EM on JVM linear-algebra backends, to scikit-learn's specification.")
public final class Main implements Runnable {

    /** Exit code for an output that could not be written or an unexpected error. */
    public static final int FAILED = 1;
    /** Exit code for bad usage or bad input. */
    public static final int BAD_INPUT = 2;
    /** Exit code when Java runs out of memory. */
    public static final int OUT_OF_MEMORY = 3;

    /** The subcommands, in the order {@code --help} lists them. */
    private static final List<Class<?>> SUBCOMMANDS = List.of(FitCommand.class, PredictCommand.class,
            SampleCommand.class, SelectCommand.class, AnomaliesCommand.class, PlotCommand.class);

    /** The exit codes and their meaning, as {@code --help} lists them. */
    static final Map<String, String> EXIT_CODES = exitCodes();

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    private boolean debug;

    /** {@code --debug}, accepted by every command: print the stack trace with an error. */
    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "On an error, print its stack trace after the one-line message.")
    void setDebug(boolean debug) {
        this.debug = debug;
    }

    public static void main(String[] args) {
        PrintWriter stdout = new PrintWriter(new OutputStreamWriter(new FailFastOutputStream(
                new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16), "standard output"),
                StandardCharsets.UTF_8));
        System.exit(run(stdout, new PrintWriter(System.err, true), args));
    }

    /**
     * Runs a command to its end and flushes its output.
     *
     * @return the exit code
     */
    static int run(PrintWriter stdout, PrintWriter stderr, String... args) {
        leanPicocli();
        Main main = new Main();
        CommandLine cl = commandLine(main, reachable(args));
        cl.setOut(stdout);
        cl.setErr(stderr);
        try {
            int exit = cl.execute(args);
            stdout.flush();
            return exit;
        } catch (UncheckedIOException e) {
            return report(stderr, main.debug, e.getCause(), FAILED);
        } catch (OutOfMemoryError e) {
            long heap = Runtime.getRuntime().maxMemory() >> 20;
            return report(stderr, main.debug, new OutOfMemoryError("out of memory: Java's heap of " + heap
                    + " MB is too small for this data. Give Java more memory (java -Xmx8g -jar gmm-harness.jar ...), "
                    + "or use fewer rows or columns."), OUT_OF_MEMORY);
        }
    }

    /**
     * Switches off two things picocli does on every start that no command here uses, unless the
     * user has set them: its converters for {@code java.sql} and {@code java.time} types, which it
     * registers by reflection (loading about a hundred classes), and its search for Groovy's
     * closure class. Both are picocli's documented system properties.
     */
    private static void leanPicocli() {
        if (System.getProperty("picocli.converters.excludes") == null) {
            System.setProperty("picocli.converters.excludes", "java\\.sql\\..*,java\\.time\\..*");
        }
        if (System.getProperty("picocli.disable.closures") == null) {
            System.setProperty("picocli.disable.closures", "true");
        }
    }

    /** @return the configured command line with every subcommand, as {@code --help} shows it */
    public static CommandLine commandLine() {
        return commandLine(new Main(), SUBCOMMANDS);
    }

    /**
     * The subcommands that {@code args} can reach. A run names its command first, after at most
     * {@code --debug} (the only top-level option that does not end the run), so only that command
     * needs its model; {@code --version} alone needs none. Anything else ({@code --help}, no command,
     * an unknown one, an argument file) gets them all, so that the usage and the error messages list
     * every command as before.
     */
    private static List<Class<?>> reachable(String... args) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            return List.of();
        }
        for (String arg : args) {
            if (!arg.equals("--debug")) {
                for (Class<?> sub : SUBCOMMANDS) {
                    if (sub.getAnnotation(Command.class).name().equals(arg)) {
                        return List.of(sub);
                    }
                }
                break;
            }
        }
        return SUBCOMMANDS;
    }

    private static CommandLine commandLine(Main main, List<Class<?>> subcommands) {
        CommandLine cl = new CommandLine(main);
        for (Class<?> sub : subcommands) {
            cl.addSubcommand(sub);
        }
        cl.setExitCodeExceptionMapper(e -> BAD_INPUT);
        cl.setParameterExceptionHandler((e, args) -> {
            e.getCommandLine().getErr().println(e.getMessage());
            e.getCommandLine().getErr().println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName()
                    + " --help' for usage.");
            return BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((e, command, parseResult) -> {
            Throwable cause = e instanceof UncheckedIOException ? e.getCause() : e;
            int exit = cause instanceof WriteFailedException ? FAILED
                    : cause instanceof IllegalArgumentException || cause instanceof IOException
                    || cause instanceof ArithmeticException ? BAD_INPUT : FAILED;
            if (exit == FAILED && !(cause instanceof WriteFailedException)) {
                cause = new IllegalStateException("unexpected " + cause + "; rerun with --debug and report the "
                        + "stack trace.", cause);
            }
            command.getErr().flush();
            return report(command.getErr(), main.debug, cause, exit);
        });
        cl.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(EXIT_CODES);
        for (CommandLine sub : cl.getSubcommands().values()) {
            sub.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(EXIT_CODES);
        }
        return cl;
    }

    private static int report(PrintWriter err, boolean debug, Throwable e, int exit) {
        err.println("error: " + e.getMessage());
        if (debug) {
            e.printStackTrace(err);
        }
        err.flush();
        return exit;
    }

    private static Map<String, String> exitCodes() {
        Map<String, String> codes = new LinkedHashMap<>();
        codes.put("0", "Success.");
        codes.put("1", "An output could not be written (disk full, closed pipe, device error) "
                + "or an unexpected error (--debug prints its stack trace).");
        codes.put("2", "Bad usage or bad input: the message names the option, file, line, column or field.");
        codes.put("3", "Out of memory: give Java more (java -Xmx...) or use less data.");
        codes.put("130, 143", "Interrupted (Ctrl-C) or terminated: no half-written output file is left.");
        return codes;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: choose one of "
                + String.join(", ", spec.subcommands().keySet()) + ".");
    }
}
