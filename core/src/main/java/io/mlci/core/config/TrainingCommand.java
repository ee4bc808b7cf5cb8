package io.mlci.core.config;

import java.util.List;

/**
 * The training command: either one shell line (run by {@code sh -c}, so pipes and {@code &&}
 * work) or an argument vector run as is. Exactly one of the two is set.
 */
public record TrainingCommand(String shell, List<String> argv) {

    public TrainingCommand {
        if ((shell == null) == (argv == null)) {
            throw new IllegalArgumentException("a command is either a shell line or an argument list");
        }
        argv = argv == null ? null : List.copyOf(argv);
    }

    public static TrainingCommand shell(String line) {
        return new TrainingCommand(line, null);
    }

    public static TrainingCommand argv(List<String> arguments) {
        return new TrainingCommand(null, arguments);
    }

    /** What the operating system is asked to run. */
    public List<String> processArguments() {
        return shell != null ? List.of("sh", "-c", shell) : argv;
    }

    /** The command as a person would type it, for logs and records. */
    public String display() {
        if (shell != null) {
            return shell;
        }
        StringBuilder line = new StringBuilder();
        for (String argument : argv) {
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(argument.matches("[A-Za-z0-9_./:=@%+-]+") ? argument : "'" + argument.replace("'", "'\\''") + "'");
        }
        return line.toString();
    }
}
