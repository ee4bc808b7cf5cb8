package io.mlci.core.run.exec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a short helper command ({@code docker image inspect}, {@code nvidia-smi}) and captures its
 * output. Absent programs and time-outs are answers, not errors: the callers probe.
 *
 * @param exitCode the exit status
 * @param stdout   standard output, trimmed
 */
public record CommandOutput(int exitCode, String stdout) {

    /** The command's output if it ran and exited 0 within the time limit. */
    public static Optional<String> ifSucceeds(List<String> command, Duration limit) {
        return run(command, limit).filter(out -> out.exitCode() == 0).map(CommandOutput::stdout);
    }

    /** Runs the command; empty if it cannot be started or exceeds the limit (it is then killed). */
    public static Optional<CommandOutput> run(List<String> command, Duration limit) {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            return Optional.empty();
        }
        try {
            process.getOutputStream().close();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            return Optional.of(new CommandOutput(process.exitValue(), out.get(limit.toMillis(), TimeUnit.MILLISECONDS).trim()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return Optional.empty();
        } catch (IOException | java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            process.destroyForcibly();
            return Optional.empty();
        }
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
