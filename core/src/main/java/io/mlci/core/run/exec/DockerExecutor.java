package io.mlci.core.run.exec;

import io.mlci.core.MlciException;
import io.mlci.core.config.GpuRequest;
import io.mlci.core.run.docker.ContainerSpec;
import io.mlci.core.run.docker.DockerCli;
import io.mlci.core.run.docker.GpuCheck;
import io.mlci.core.run.docker.ImagePull;
import io.mlci.core.run.docker.OrphanSweep;
import io.mlci.core.run.docker.Watchdog;
import io.mlci.core.run.docker.WorkspaceMount;
import io.mlci.core.run.record.GpuUse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs the command in a container of the training image, from the agent: the image needs nothing
 * from mlci. {@code docker run --rm --init} with the repository mounted at its own path (so paths
 * in params and logs mean the same inside and out), the container user set to the repository's
 * owner (so outputs are not left owned by root), and labels naming the run, build, agent and mlci
 * process. Variable values reach the container through the client's environment
 * ({@code -e NAME}), never on the command line where {@code ps} would show them. A stopped
 * training's container is stopped, then removed; a watchdog does the same if mlci is killed
 * outright, and the next training on the agent removes what neither could.
 */
public final class DockerExecutor implements Executor {

    private static final Duration PROBE = Duration.ofSeconds(20);
    private static final Duration REMOVE = Duration.ofSeconds(60);

    private final DockerCli docker;
    private final ContainerSpec spec;
    private final WorkspaceMount mount;
    private final String agent;
    private final Consumer<String> say;
    private final ProcessSupervisor supervisor;
    private volatile String containerName;
    private String digest;
    private boolean gpusOn;

    /**
     * @param agent the Jenkins agent (or host) name, for messages
     * @param say   one line per phase and warning
     */
    public DockerExecutor(DockerCli docker, ContainerSpec spec, WorkspaceMount mount, String agent, Consumer<String> say) {
        this.docker = docker;
        this.spec = spec;
        this.mount = mount;
        this.agent = agent;
        this.say = say;
        this.gpusOn = spec.gpus() != GpuRequest.NONE;
        this.supervisor = new ProcessSupervisor(this::stopContainer);
    }

    /** Whether a Docker engine answers (a client without an engine is not enough). */
    public static boolean engineAvailable(String docker) {
        return CommandOutput.ifSucceeds(List.of(docker, "info", "--format", "{{.ServerVersion}}"), PROBE)
                .filter(version -> !version.isBlank()).isPresent();
    }

    @Override
    public String describe() {
        return "docker image " + spec.image() + (digest != null ? " (" + digest + ")" : "");
    }

    /** Removes what earlier trainings on this agent left behind, then pulls the image. */
    @Override
    public String prepare() {
        new OrphanSweep(docker, say).sweep(spec.owner());
        digest = new ImagePull(docker).digest(spec.image());
        return digest;
    }

    /** Runs nvidia-smi in the image with the training's flags; with {@code optional} and none visible, the training goes without --gpus. */
    @Override
    public GpuUse gpus() {
        List<String> flags = new ArrayList<>(gpuFlag());
        flags.addAll(spec.owner().labels("gpu-check"));
        flags.addAll(spec.dockerArgs());
        GpuUse use = new GpuCheck(docker, agent, say).check(spec.gpus(), flags, imageReference());
        gpusOn = use.count() > 0;
        return use;
    }

    private List<String> gpuFlag() {
        return gpusOn ? List.of("--gpus", "all") : List.of();
    }

    /** The pinned digest when the registry gave one, so every attempt runs the image that was recorded. */
    private String imageReference() {
        return digest != null && digest.contains("@") ? digest : spec.image();
    }

    /** The full {@code docker run} argument vector for a request; visible for tests. */
    public List<String> runCommand(ExecutionRequest request, String name) {
        List<String> argv = new ArrayList<>(docker.argv(List.of("run", "--rm", "--name", name, "--init")));
        argv.addAll(spec.owner().labels(request.env().getOrDefault("MLCI_RUN_ID", request.name())));
        argv.addAll(gpuFlag());
        owner(request.workdir()).ifPresent(user -> argv.addAll(List.of("--user", user)));
        String dir = request.workdir().toAbsolutePath().normalize().toString();
        argv.addAll(mount.volumeFor(request.workdir()));
        argv.addAll(List.of("-w", dir));
        request.env().keySet().stream().sorted().forEach(variable -> argv.addAll(List.of("-e", variable)));
        argv.addAll(spec.dockerArgs());
        argv.add(imageReference());
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
        List<String> command = runCommand(request, name);
        containerName = name;
        try (Watchdog watchdog = Watchdog.start(docker, name, ProcessHandle.current().pid())) {
            return supervisor.run(request, command, sink);
        } finally {
            containerName = null;
        }
    }

    /** Killing the client would leave the container running: the engine stops it, then removes it. */
    private void stopContainer(Process client, Duration grace) {
        String name = containerName;
        if (name != null) {
            tryTo(List.of("stop", "--time", String.valueOf(Math.max(1, grace.toSeconds())), name), grace.plus(REMOVE));
            tryTo(List.of("rm", "-f", name), REMOVE);
        }
        ProcessSupervisor.terminateTree(client, Duration.ofSeconds(5));
    }

    /** Stopping goes on even when one step fails: the client is killed and the watchdog and the next sweep remain. */
    private void tryTo(List<String> args, Duration limit) {
        try {
            DockerCli.Result result = docker.run(args, limit);
            if (!result.ok()) {
                say.accept("'docker " + String.join(" ", args) + "' failed: " + result.reason());
            }
        } catch (MlciException e) {
            say.accept(e.getMessage());
        }
    }

    @Override
    public void stop() {
        supervisor.stop();
    }
}
