package io.mlci.core.run.docker;

import io.mlci.core.MlciException;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Makes the training image present on the agent and names its content digest. A pull that fails
 * says which image, which registry, and whether the registry refused the agent's login or has no
 * such image: the two need different fixes (credentials vs. the name in mlci.yaml).
 */
public final class ImagePull {

    private static final Duration INSPECT = Duration.ofSeconds(30);
    private static final Duration PULL = Duration.ofHours(1);

    /** Why a pull failed. */
    public enum Cause {
        AUTHENTICATION, NOT_FOUND, DENIED_OR_NOT_FOUND, UNREACHABLE, OTHER
    }

    private final DockerCli docker;

    public ImagePull(DockerCli docker) {
        this.docker = docker;
    }

    /** Pulls the image unless the agent already has it; returns {@code repo@sha256:...} (or the image id of a local-only image). */
    public String digest(String image) {
        if (!docker.run(List.of("image", "inspect", "--format", "{{.Id}}", image), INSPECT).ok()) {
            DockerCli.Result pulled = docker.run(List.of("pull", image), PULL);
            if (!pulled.ok()) {
                throw new MlciException(failure(image, pulled));
            }
        }
        DockerCli.Result inspected = docker.run(List.of("image", "inspect", "--format",
                "{{if .RepoDigests}}{{index .RepoDigests 0}}{{else}}{{.Id}}{{end}}", image), INSPECT);
        if (!inspected.ok() || inspected.stdout().isBlank()) {
            throw new MlciException("cannot inspect docker image " + image + ": " + inspected.reason());
        }
        return inspected.stdout();
    }

    /** The message for a failed pull of {@code image}, from what docker wrote to stderr. */
    static String failure(String image, DockerCli.Result pulled) {
        String registry = registryOf(image);
        String stderr = pulled.stderr();
        String reason = stderr.isBlank() ? "exit " + pulled.exitCode() + ", no reason given" : pulled.reason();
        String where = "cannot pull image '" + image + "' from " + registry + ": ";
        return switch (causeOf(stderr)) {
            case AUTHENTICATION -> where + "the registry refused the agent's credentials (" + reason + "). Log the agent in: "
                    + "train.registry and train.registryCredentialsId in mlci.yaml (or mlTrain's registry/registryCredentialsId), "
                    + "or for ECR the agent's instance role with 'aws ecr get-login-password' (docs/jenkins-setup.md)";
            case NOT_FOUND -> where + "the registry has no such image or tag (" + reason + "); check train.image in mlci.yaml";
            case DENIED_OR_NOT_FOUND -> where + "the image does not exist or the agent is not logged in to a private "
                    + "registry (" + reason + "); check train.image, or set train.registry and train.registryCredentialsId";
            case UNREACHABLE -> where + "the registry cannot be reached from the agent (" + reason + ")";
            case OTHER -> where + reason;
        };
    }

    static Cause causeOf(String stderr) {
        String text = stderr.toLowerCase(Locale.ROOT);
        if (text.contains("pull access denied") && text.contains("may require")) {
            // Docker Hub answers the same for a missing repository and a private one without login
            return Cause.DENIED_OR_NOT_FOUND;
        }
        if (text.contains("unauthorized") || text.contains("authentication required") || text.contains("no basic auth credentials")
                || text.contains("access to the resource is denied") || text.contains("authorization token has expired")
                || text.contains("401") || text.contains("403 forbidden")) {
            return Cause.AUTHENTICATION;
        }
        if (text.contains("manifest unknown") || text.contains("not found") || text.contains("name unknown")
                || text.contains("does not exist")) {
            return Cause.NOT_FOUND;
        }
        if (text.contains("no such host") || text.contains("dial tcp") || text.contains("i/o timeout")
                || text.contains("connection refused") || text.contains("tls handshake timeout")) {
            return Cause.UNREACHABLE;
        }
        return Cause.OTHER;
    }

    /** The registry host of an image reference; Docker Hub when the first part is not a host name. */
    public static String registryOf(String image) {
        int slash = image.indexOf('/');
        if (slash > 0) {
            String first = image.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                return "registry " + first;
            }
        }
        return "Docker Hub (docker.io)";
    }
}
