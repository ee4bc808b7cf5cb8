package io.mlci.core.run.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlci.core.InvalidInputException;
import io.mlci.core.MlciException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the repository reaches the training container, mounted at the same path the agent sees
 * (so paths in params and logs mean the same inside and out). The Docker engine resolves
 * {@code -v} sources on its own host; when the agent itself runs in a container with the host's
 * docker socket, the agent's paths are not the host's. Then the host path comes from
 * {@value #HOST_PATH_VARIABLE} ({@code AGENT_DIR:HOST_DIR}) or, failing that, from the agent
 * container's own mounts ({@code docker inspect}). {@code --volumes-from} is not used: it would
 * also hand the agent's docker socket to the training.
 */
public final class WorkspaceMount {

    /** {@code AGENT_DIR:HOST_DIR}: where the agent's directory is on the Docker host. */
    public static final String HOST_PATH_VARIABLE = "MLCI_DOCKER_HOST_PATH";

    private static final Pattern CONTAINER_ID = Pattern.compile("/(?:docker/containers|containers)/([0-9a-f]{64})/");
    private static final Duration LIMIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DockerCli docker;
    private final Path systemRoot;
    private final Map<String, String> env;

    /**
     * @param systemRoot {@code /}; tests give a directory standing in for it
     */
    public WorkspaceMount(DockerCli docker, Path systemRoot, Map<String, String> env) {
        this.docker = docker;
        this.systemRoot = systemRoot;
        this.env = env;
    }

    /** The {@code -v HOST:DIR} option that mounts {@code dir} at its own path in the container. */
    public List<String> volumeFor(Path dir) {
        String agentPath = dir.toAbsolutePath().normalize().toString();
        return List.of("-v", hostPath(dir.toAbsolutePath().normalize()) + ":" + agentPath);
    }

    String hostPath(Path dir) {
        String mapping = env.get(HOST_PATH_VARIABLE);
        if (mapping != null && !mapping.isBlank()) {
            return mapped(dir, mapping);
        }
        Optional<String> container = agentContainer();
        if (container.isEmpty()) {
            return dir.toString();
        }
        return fromMounts(dir, container.get());
    }

    private static String mapped(Path dir, String mapping) {
        int colon = mapping.indexOf(':');
        if (colon <= 0 || colon == mapping.length() - 1) {
            throw new InvalidInputException(HOST_PATH_VARIABLE, null, "'" + mapping
                    + "' is not AGENT_DIR:HOST_DIR, e.g. /home/jenkins/agent:/srv/jenkins/agent");
        }
        Path agentDir = Path.of(mapping.substring(0, colon)).normalize();
        Path hostDir = Path.of(mapping.substring(colon + 1)).normalize();
        if (!agentDir.isAbsolute() || !hostDir.isAbsolute()) {
            throw new InvalidInputException(HOST_PATH_VARIABLE, null, "'" + mapping + "' needs two absolute paths");
        }
        if (!dir.startsWith(agentDir)) {
            throw new InvalidInputException(HOST_PATH_VARIABLE, null, "'" + mapping + "' does not cover the repository "
                    + dir + "; its first path must contain the workspace");
        }
        return hostDir.resolve(agentDir.relativize(dir)).toString();
    }

    /** The id of the container mlci runs in, when it runs in one. */
    Optional<String> agentContainer() {
        Optional<String> id = read("proc/self/mountinfo").map(CONTAINER_ID::matcher).filter(Matcher::find).map(m -> m.group(1));
        boolean inContainer = id.isPresent() || Files.exists(systemRoot.resolve(".dockerenv")) || read("proc/1/cgroup")
                .map(text -> text.contains("docker") || text.contains("kubepods") || text.contains("containerd")).orElse(false);
        if (!inContainer) {
            return Optional.empty();
        }
        return Optional.of(id.orElseGet(() -> read("etc/hostname").map(String::strip).orElse(env.getOrDefault("HOSTNAME", ""))));
    }

    private String fromMounts(Path dir, String container) {
        String advice = "; set " + HOST_PATH_VARIABLE + "=AGENT_DIR:HOST_DIR to say where the agent's workspace is on the "
                + "Docker host (docs/jenkins-setup.md)";
        DockerCli.Result inspected = docker.run(List.of("inspect", "--format", "{{json .Mounts}}", container), LIMIT);
        if (!inspected.ok()) {
            throw new MlciException("mlci runs in a container (" + container + ") and cannot inspect it to find the host path "
                    + "of " + dir + " (" + inspected.reason() + ")" + advice);
        }
        try {
            Path best = null;
            String bestSource = null;
            for (JsonNode mount : JSON.readTree(inspected.stdout())) {
                Path destination = Path.of(mount.path("Destination").asText("/")).normalize();
                String source = mount.path("Source").asText("");
                if (!source.isEmpty() && dir.startsWith(destination)
                        && (best == null || destination.getNameCount() > best.getNameCount())) {
                    best = destination;
                    bestSource = source;
                }
            }
            if (best == null) {
                throw new MlciException("mlci runs in a container (" + container + ") and the repository " + dir
                        + " is in that container's own filesystem, which a training container cannot mount; keep the "
                        + "workspace on a volume or bind mount" + advice);
            }
            return Path.of(bestSource).resolve(best.relativize(dir)).toString();
        } catch (IOException e) {
            throw new MlciException("cannot read the mounts of container " + container + ": " + e.getMessage() + advice, e);
        }
    }

    private Optional<String> read(String file) {
        try {
            return Optional.of(Files.readString(systemRoot.resolve(file)));
        } catch (IOException | java.io.UncheckedIOException e) {
            return Optional.empty();
        }
    }
}
