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
        MlciCommand root = new MlciCommand(console, environment);
        CommandLine commandLine = new CommandLine(root);
        registerGroups(commandLine, args);
        commandLine.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        commandLine.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        commandLine.setExecutionExceptionHandler(new ErrorHandler(console, root.global()));
        commandLine.setParameterExceptionHandler((ex, arguments) -> {
            if (java.util.Arrays.asList(arguments).contains("--json")) {
                ErrorHandler.report(console, true, ex.getMessage(), null);
                return ExitCodes.USAGE;
            }
            err.println("mlci: " + ex.getMessage());
            if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, err)) {
                err.println("Run '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
            }
            return ExitCodes.USAGE;
        });
        return commandLine.execute(args);
    }

    private static boolean asksOnlyForTheVersion(String[] args) {
        java.util.List<String> list = java.util.Arrays.asList(args);
        return (list.contains("--version") || list.contains("-V")) && !list.contains("--help") && !list.contains("-h");
    }

    /**
     * Registers the command group the arguments name, or all of them when none is named (help,
     * a typo that deserves suggestions). Arguments that follow an option taking a value are
     * skipped, so {@code -C train} is not mistaken for the train command.
     */
    private static void registerGroups(CommandLine commandLine, String[] args) {
        java.util.Set<String> valued = java.util.Set.of("-C", "--cache", "-j", "--jobs");
        String named = null;
        for (int i = 0; i < args.length; i++) {
            if (valued.contains(args[i])) {
                i++;
            } else if (!args[i].startsWith("-")) {
                named = args[i];
                break;
            }
        }
        if (named == null && asksOnlyForTheVersion(args)) {
            return; // the version needs no command group: reading their annotations is most of the start
        }
        CommandLine.IFactory factory = CommandLine.defaultFactory();
        for (java.util.Map.Entry<String, Class<?>> group : MlciCommand.GROUPS.entrySet()) {
            if (named == null || !MlciCommand.GROUPS.containsKey(named) || named.equals(group.getKey())) {
                commandLine.addSubcommand(group.getKey(), new CommandLine(group.getValue(), factory));
            }
        }
    }
}
