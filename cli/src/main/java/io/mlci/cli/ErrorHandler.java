package io.mlci.cli;

import io.mlci.core.InvalidInputException;
import io.mlci.core.MlciException;
import picocli.CommandLine;

import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns engine exceptions into one clear line on stderr and an exit code; no stack traces for
 * users. With {@code --json} the same error is also printed on stdout as
 * {@code {"error": {"message", "file", "field"}}}, so a script that reads stdout sees why it
 * failed; with {@code -v} the full chain of causes follows the line.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {

    private final Console console;
    private final GlobalOptions global;

    ErrorHandler(Console console, GlobalOptions global) {
        this.console = console;
        this.global = global;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        String message;
        boolean internal = false;
        if (ex instanceof MlciException) {
            message = ex.getMessage();
        } else if (ex instanceof UncheckedIOException io) {
            message = io.getMessage() + ": " + io.getCause().getMessage();
        } else {
            message = "internal error: " + ex;
            internal = true;
        }
        report(console, global.json(), message, ex instanceof InvalidInputException invalid ? invalid : null);
        if (global.verbose() || (internal && System.getenv("MLCI_DEBUG") != null)) {
            ex.printStackTrace(console.err());
        } else if (internal) {
            console.err().println("  (run with -v for the stack trace)");
        } else if (ex.getCause() != null) {
            console.err().println("  (run with -v for the full cause)");
        }
        return ExitCodes.ERROR;
    }

    /** One error: a line on stderr, and the JSON form on stdout when JSON output was asked for. */
    static void report(Console console, boolean json, String message, InvalidInputException invalid) {
        console.error(message);
        if (json) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("message", message);
            error.put("file", invalid == null ? null : invalid.location());
            error.put("field", invalid == null ? null : invalid.field());
            console.json(Map.of("error", error));
        }
    }
}
