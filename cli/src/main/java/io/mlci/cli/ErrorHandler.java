package io.mlci.cli;

import io.mlci.core.MlciException;
import picocli.CommandLine;

import java.io.UncheckedIOException;

/** Turns engine exceptions into one clear line on stderr and an exit code; no stack traces for users. */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {

    private final Console console;

    ErrorHandler(Console console) {
        this.console = console;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        if (ex instanceof MlciException) {
            console.error(ex.getMessage());
        } else if (ex instanceof UncheckedIOException io) {
            console.error(io.getMessage() + ": " + io.getCause().getMessage());
        } else {
            console.error("internal error: " + ex);
            if (System.getenv("MLCI_DEBUG") != null) {
                ex.printStackTrace(console.err());
            } else {
                console.err().println("  (set MLCI_DEBUG=1 for the stack trace)");
            }
        }
        return ExitCodes.ERROR;
    }
}
