package io.mlci.cli;

import picocli.CommandLine;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Entry point of the {@code mlci} command. Tests call {@link #run}; only {@code main} exits. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(System.out, System.err, args));
    }

    /** Runs one command line and returns its exit code (see {@link ExitCodes}). */
    public static int run(PrintStream out, PrintStream err, String... args) {
        return run(out, err, System.getenv(), args);
    }

    /** As {@link #run(PrintStream, PrintStream, String...)} with a given environment. */
    public static int run(PrintStream out, PrintStream err, java.util.Map<String, String> environment, String... args) {
        Console console = new Console(out, err);
        CommandLine commandLine = new CommandLine(new MlciCommand(console, environment));
        commandLine.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        commandLine.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        commandLine.setExecutionExceptionHandler(new ErrorHandler(console));
        commandLine.setParameterExceptionHandler((ex, arguments) -> {
            err.println("mlci: " + ex.getMessage());
            if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, err)) {
                err.println("Run '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
            }
            return ExitCodes.USAGE;
        });
        return commandLine.execute(args);
    }
}
