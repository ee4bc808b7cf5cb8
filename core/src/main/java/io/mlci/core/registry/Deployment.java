package io.mlci.core.registry;

import io.mlci.core.MlciException;
import io.mlci.core.config.TrainingCommand;
import io.mlci.core.data.workspace.DataWorkspace;
import io.mlci.core.run.RunOutputs;
import io.mlci.core.run.exec.ExecutionRequest;
import io.mlci.core.run.exec.ExecutionResult;
import io.mlci.core.run.exec.LocalProcessExecutor;
import io.mlci.core.run.exec.OutputSink;
import io.mlci.core.run.store.RunStore;
import io.mlci.core.storage.FileTrees;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Promotion with deployment: the alias moves, the user's deploy command (mlci.yaml
 * {@code model.deploy}) runs with the version's verified files, and when it fails the alias goes
 * back to the version it held — both events recorded.
 */
public final class Deployment {

    private final ModelRegistry registry;
    private final RunStore store;
    private final DataWorkspace data;

    public Deployment(ModelRegistry registry, RunStore store, DataWorkspace data) {
        this.registry = registry;
        this.store = store;
        this.data = data;
    }

    /** The version's files, fetched and verified against the recorded hashes, under {@code dir}. */
    public void fetch(ModelVersion version, Path dir) {
        new RunOutputs(data, store).export(version.outputs(), dir);
    }

    /**
     * Promotes, then deploys when a command is given. Returns the promote event; throws, after
     * rolling the alias back, when the deploy command fails.
     */
    public RegistryEvent promote(ModelRef ref, String alias, TrainingCommand deploy, Actor actor, String why,
                                 OutputSink output) {
        ModelRegistry.requireTrustedWriter(actor, "promote"); // before anything is looked up or fetched
        ModelVersion version = registry.version(ref);
        RegistryEvent promoted = registry.promote(ref, alias, actor, why);
        if (deploy == null) {
            return promoted;
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("mlci-deploy-");
            fetch(version, dir);
            Map<String, String> env = Map.of("MLCI_MODEL_NAME", version.model(),
                    "MLCI_MODEL_VERSION", String.valueOf(version.version()), "MLCI_MODEL_STAGE", alias,
                    "MLCI_MODEL_DIR", dir.toString(), "MLCI_RUN_ID", version.runId(),
                    "MLCI_MODEL_URI", "models:/" + version.model() + "/" + version.version());
            ExecutionResult result = new LocalProcessExecutor().run(new ExecutionRequest("deploy-" + version.model(),
                    deploy.processArguments(), data.root(), env, null, null), output);
            if (!result.succeeded()) {
                String why2 = "deploy command exited with " + result.exitCode();
                registry.deployFailed(version, alias, actor, why2);
                if (promoted.previous() != null) {
                    registry.restoreAlias(version.model(), alias, promoted.previous(), version.version(), actor,
                            "automatic rollback: " + why2);
                } else {
                    registry.demote(version.model(), alias, actor, "automatic rollback: " + why2);
                }
                throw new MlciException("deploying " + version.label() + " to " + alias + " failed (" + why2 + "); "
                        + alias + " is back at " + (promoted.previous() != null ? "version " + promoted.previous() : "no version"));
            }
            return promoted;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the deployment of " + version.label(), e);
        } finally {
            FileTrees.deleteQuietly(dir);
        }
    }
}
