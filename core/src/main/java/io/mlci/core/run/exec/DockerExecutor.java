package io.mlci.core.run.exec;

import io.mlci.core.MlciException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs the command in a container: {@code docker run --rm --gpus all} with the repository
 * mounted at its own path (so paths in params and logs mean the same inside and out) and the
 * container user set to the repository's owner (so outputs are not left owned by root).
 * Variable values reach the container through the client's environment ({@code -e NAME}), never
 * on the command line where {@code ps} would show them.
 */
public final class DockerExecutor implements Executor {

    private static final Duration PROBE = Duration.ofSeconds(20);

    private final String docker;
    private final String image;
    private final List<String> extraArgs;
    private final boolean gpus;
    private final ProcessSupervisor supervisor;
    private volatile String containerName;
    private String digest;

    /**
     * @param docker    the docker client binary
     * @param gpus      pass {@code --gpus all} (needs the NVIDIA container toolkit on the host)
     * @param extraArgs extra {@code docker run} arguments from mlci.yaml
     */
    public DockerExecutor(String docker, String image, List<String> extraArgs, boolean gpus) {
        this.docker = docker;
        this.image = image;
        this.extraArgs = List.copyOf(extraArgs);
        this.gpus = gpus;
        this.supervisor = new ProcessSupervisor(this::stopContainer);
    }

    /** Whether a Docker engine answers (a client without an engine is not enough). */
    public static boolean engineAvailable(String docker) {
        return CommandOutput.ifSucceeds(List.of(docker, "info", "--format", "{{.ServerVersion}}"), PROBE)
                .filter(version -> !version.isBlank()).isPresent();
    }

    @Override
    public String describe() {
        return "docker image " + image + (digest != null ? " (" + digest + ")" : "");
    }

    @Override
    public String prepare() {
        if (CommandOutput.ifSucceeds(List.of(docker, "image", "inspect", "--format", "{{.Id}}", image), PROBE).isEmpty()) {
            CommandOutput pulled = CommandOutput.run(List.of(docker, "pull", image), Duration.ofHours(1))
                    .orElseThrow(() -> new MlciException("cannot run '" + docker + " pull " + image + "'"));
            if (pulled.exitCode() != 0) {
                throw new MlciException("docker pull " + image + " failed (exit " + pulled.exitCode()
                        + "); check the image name in mlci.yaml (train.image) and the registry credentials");
            }
        }
        digest = CommandOutput.ifSucceeds(List.of(docker, "image", "inspect", "--format",
                        "{{if .RepoDigests}}{{index .RepoDigests 0}}{{else}}{{.Id}}{{end}}", image), PROBE)
                .orElseThrow(() -> new MlciException("cannot inspect docker image " + image));
        return digest;
    }

    /** The full {@code docker run} argument vector for a request; visible for tests. */
    public List<String> runCommand(ExecutionRequest request, String name) {
        List<String> argv = new ArrayList<>(List.of(docker, "run", "--rm", "--name", name, "--init"));
        if (gpus) {
            argv.addAll(List.of("--gpus", "all"));
        }
        owner(request.workdir()).ifPresent(user -> argv.addAll(List.of("--user", user)));
        String dir = request.workdir().toAbsolutePath().toString();
        argv.addAll(List.of("-v", dir + ":" + dir, "-w", dir));
        request.env().keySet().stream().sorted().forEach(variable -> argv.addAll(List.of("-e", variable)));
        argv.addAll(extraArgs);
        argv.add(digest != null && digest.contains("@") ? digest : image);
        argv.addAll(request.command());
        return argv;
    }

    private static Optional<String> owner(Path dir) {
        try {
            return Optional.of(Files.getAttribute(dir, "unix:uid") + ":" + Files.getAttribute(dir, "unix:gid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public ExecutionResult run(ExecutionRequest request, OutputSink sink) {
        String name = "mlci-" + request.name().replaceAll("[^A-Za-z0-9_.-]", "-");
        containerName = name;
        try {
            return supervisor.run(request, runCommand(request, name), sink);
        } finally {
            containerName = null;
        }
    }

    /** Killing the client would leave the container running; the engine has to stop it. */
    private void stopContainer(Process client, Duration grace) {
        String name = containerName;
        if (name != null) {
            CommandOutput.run(List.of(docker, "stop", "--time", String.valueOf(Math.max(1, grace.toSeconds())), name),
                    grace.plusSeconds(30));
        }
        ProcessSupervisor.terminateTree(client, Duration.ofSeconds(5));
    }

    @Override
    public void stop() {
        supervisor.stop();
    }
}
