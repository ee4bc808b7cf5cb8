package io.mlci.core.run;

import io.mlci.core.InvalidInputException;
import io.mlci.core.config.MlciConfig;
import io.mlci.core.config.MlciYaml;
import io.mlci.core.config.TrainConfig;
import io.mlci.core.run.code.TrustedTarget;
import io.mlci.core.run.env.CiContext;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * In a pull-request build, where the training runs and with which container flags is the target
 * branch's choice, not the pull request's: {@code train.agent} and {@code train.dockerArgs} come
 * from mlci.yaml at the pinned target commit (with {@code train.registry} and its credentials), and
 * {@code train.image} may change its name and tag but not its registry. Everything else (command, params, outputs) is the pull request's to change.
 */
public final class PullRequestTraining {

    private PullRequestTraining() {
    }

    /**
     * The configuration to train with. Outside pull requests, {@code own}. In a pull request with a
     * pinned target commit ({@code MLCI_TARGET_COMMIT}), {@code own} with the target's agent and
     * docker arguments; without one, {@code own} only when it starts no container.
     */
    public static MlciConfig effective(Path root, MlciConfig own, Map<String, String> environment, Consumer<String> say) {
        CiContext ci = CiContext.from(environment);
        if (ci.changeId() == null) {
            return own;
        }
        String commit = environment.get("MLCI_TARGET_COMMIT");
        String target = ci.targetBranch() != null ? ci.targetBranch() : "main";
        if (commit == null || commit.isBlank()) {
            if (own.train().image() != null || !own.train().dockerArgs().isEmpty()) {
                throw new InvalidInputException("MLCI_TARGET_COMMIT", null, "pull request " + ci.changeId()
                        + " asks for a container, whose registry and flags are " + target + "'s choice at a commit pinned "
                        + "before the pull request's code ran, and none was given (the mlci library and plugin set it)");
            }
            return own;
        }
        try (TrustedTarget pinned = TrustedTarget.fetch(target, commit.trim(), environment.get("MLCI_TARGET_REPO"), root)) {
            MlciConfig theirs = MlciYaml.parse(MlciYaml.FILE_NAME + "@" + pinned.commit(),
                    pinned.readText(MlciYaml.FILE_NAME).orElse(""));
            String at = target + " at " + pinned.shortCommit();
            TrainConfig mine = own.train();
            TrainConfig trusted = theirs.train();
            String image = image(mine.image(), trusted.image(), at);
            if (!mine.agent().equals(trusted.agent()) || !mine.dockerArgs().equals(trusted.dockerArgs())) {
                say.accept("pull request: train.agent and train.dockerArgs are " + at + "'s (" + trusted.agent() + ", "
                        + trusted.dockerArgs() + "), not the pull request's (" + mine.agent() + ", " + mine.dockerArgs() + ")");
            }
            // the registry the agent logs in to, and with which credentials, are the target's too
            TrainConfig train = new TrainConfig(mine.command(), image, trusted.agent(), mine.params(), mine.code(),
                    mine.outputs(), mine.checkpoints(), mine.env(), mine.timeout(), mine.retries(), trusted.dockerArgs(),
                    mine.gpus(), trusted.registry(), trusted.registryCredentialsId(), mine.pipeline(),
                    mine.nodes());
            return own.withTrain(train);
        }
    }

    private static String image(String mine, String trusted, String at) {
        if (mine == null) {
            return null;
        }
        if (trusted == null) {
            throw new InvalidInputException("train.image", null, "'" + mine + "': " + at
                    + " trains without a container, so a pull request cannot choose one");
        }
        if (!registry(mine).equals(registry(trusted))) {
            throw new InvalidInputException("train.image", null, "'" + mine + "' comes from " + registry(mine)
                    + ", but " + at + " takes images from " + registry(trusted)
                    + "; a pull request may change the image, not the registry it comes from");
        }
        return mine;
    }

    /** The registry host of an image reference; Docker Hub when the first part names no host. */
    static String registry(String image) {
        int slash = image.indexOf('/');
        if (slash > 0) {
            String first = image.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                return first;
            }
        }
        return "docker.io";
    }
}
