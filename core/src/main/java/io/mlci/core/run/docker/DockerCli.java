package io.mlci.core.run.docker;

import io.mlci.core.MlciException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The agent's docker client, for the short commands around a training (pull, inspect, the GPU
 * check, stop, rm, ps). Output is captured whole; the training itself streams through the executor.
 */
public final class DockerCli {

    /** Overrides the docker client binary. */
    public static final String BINARY_VARIABLE = "MLCI_DOCKER";

    private final String binary;
    private final Map<String, String> env;

    /**
     * @param env variables added to the client's environment (what {@code -e NAME} passes on)
     */
    public DockerCli(String binary, Map<String, String> env) {
        this.binary = binary;
        this.env = Map.copyOf(env);
    }

    public static DockerCli fromEnvironment(Map<String, String> environment) {
        return new DockerCli(environment.getOrDefault(BINARY_VARIABLE, "docker"), Map.of());
    }

    public String binary() {
        return binary;
    }

    /** What a docker command answered. */
    public record Result(int exitCode, String stdout, String stderr) {
        public boolean ok() {
            return exitCode == 0;
        }

        /** The last non-blank line of stderr: where docker puts the reason. */
        public String reason() {
            String[] lines = stderr.strip().split("\\R");
            return lines[lines.length - 1].strip();
        }
    }

    /** The full argument vector for {@code docker ARGS}. */
    public List<String> argv(List<String> args) {
        List<String> argv = new ArrayList<>(args.size() + 1);
        argv.add(binary);
        argv.addAll(args);
        return argv;
    }

    /**
     * Runs {@code docker ARGS}; a client that cannot be started or runs past the limit is an
     * error naming the command, since every caller needs the answer.
     */
    public Result run(List<String> args, Duration limit) {
        Process process;
        try {
            ProcessBuilder builder = new ProcessBuilder(argv(args));
            builder.environment().putAll(env);
            process = builder.start();
        } catch (IOException e) {
            throw new MlciException("cannot run the docker client '" + binary + "': " + e.getMessage()
                    + "; install it on the agent or point " + BINARY_VARIABLE + " at it", e);
        }
        try {
            process.getOutputStream().close();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new MlciException("'" + binary + " " + String.join(" ", args) + "' did not answer within "
                        + limit.toSeconds() + " s");
            }
            return new Result(process.exitValue(), out.get(5, TimeUnit.SECONDS).strip(), err.get(5, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new MlciException("interrupted while running '" + binary + " " + args.get(0) + "'", e);
        } catch (IOException | ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new MlciException("cannot read the output of '" + binary + " " + args.get(0) + "': " + e.getMessage(), e);
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
