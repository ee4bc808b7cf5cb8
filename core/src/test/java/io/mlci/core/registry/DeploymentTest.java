package io.mlci.core.registry;

import io.mlci.core.IntegrityException;
import io.mlci.core.MlciException;
import io.mlci.core.config.TrainingCommand;
import io.mlci.core.data.workspace.DataOptions;
import io.mlci.core.data.workspace.DataWorkspace;
import io.mlci.core.evaluate.Evaluation;
import io.mlci.core.evaluate.EvaluationOptions;
import io.mlci.core.run.Trainer;
import io.mlci.core.run.record.OutputFile;
import io.mlci.core.run.record.RunRecord;
import io.mlci.core.run.store.RunStore;
import io.mlci.core.run.store.RunStores;
import io.mlci.core.storage.FileTrees;
import io.mlci.core.testing.TrainingRepos;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Promotion with a real deploy command over a real trained, gated and registered model. */
public class DeploymentTest {

    private static final Actor BOB = new Actor("bob", null);

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private Path repo;
    private final List<String> output = new CopyOnWriteArrayList<>();

    @Before
    public void trainAndRegisterTwoVersions() throws Exception {
        repo = TrainingRepos.create(temp.getRoot().toPath());
        for (double lr : new double[] {0.5, 0.6}) {
            Files.writeString(repo.resolve("params.yaml"), TrainingRepos.params(lr, "ok"));
            List<String> sink = new ArrayList<>();
            RunRecord run = new Trainer(repo, TrainingRepos.options(Map.of(), sink, sink)).train().record();
            new Evaluation(repo, EvaluationOptions.defaults(Map.of()).with(null, run.id(), "none", null, null)).run(true);
            try (RunStore store = RunStores.open(null, repo, Map.of())) {
                new ModelRegistry(store).register(store.get(run.id()), "churn", BOB, false, null);
            }
        }
    }

    private RegistryEvent promote(String ref, String command) {
        try (RunStore store = RunStores.open(null, repo, Map.of());
             DataWorkspace data = DataWorkspace.open(repo, DataOptions.defaults())) {
            return new Deployment(new ModelRegistry(store), store, data).promote(ModelRef.parse(ref), "production",
                    command == null ? null : TrainingCommand.shell(command), BOB, "release", output::add);
        }
    }

    private Map<String, Integer> aliases() {
        try (RunStore store = RunStores.open(null, repo, Map.of())) {
            return new ModelRegistry(store).aliases("churn");
        }
    }

    @Test
    public void shouldDeployTheVerifiedFilesWithTheVersionInTheEnvironment() throws Exception {
        Path deployed = temp.getRoot().toPath().resolve("deployed");
        promote("models:/churn/2", "mkdir -p " + deployed + " && cp -r \"$MLCI_MODEL_DIR\"/model " + deployed
                + " && echo \"deploying $MLCI_MODEL_URI to $MLCI_MODEL_STAGE from $MLCI_RUN_ID\"");

        assertThat(deployed.resolve("model/model.bin")).hasContent("alpha\nbeta");
        assertThat(output).anyMatch(line -> line.startsWith("deploying models:/churn/2 to production from "));
        assertThat(aliases()).containsEntry("production", 2);
    }

    @Test
    public void shouldPutTheAliasBackWhenTheDeployCommandFails() {
        promote("models:/churn/1", null);

        assertThatThrownBy(() -> promote("models:/churn/2", "echo 'cluster unreachable' >&2; exit 7"))
                .isInstanceOf(MlciException.class).hasMessageContaining("exited with 7")
                .hasMessageContaining("production is back at version 1");
        assertThat(aliases()).containsEntry("production", 1);
        try (RunStore store = RunStores.open(null, repo, Map.of())) {
            assertThat(new ModelRegistry(store).history("churn")).extracting(RegistryEvent::type)
                    .endsWith("promote", "promote", "deploy-failed", "rollback");
        }
    }

    @Test
    public void shouldRefuseAModelFileThatWasTamperedWith() throws Exception {
        OutputFile weights;
        try (RunStore store = RunStores.open(null, repo, Map.of())) {
            weights = new ModelRegistry(store).version(ModelRef.parse("churn/1")).outputs().get(0).files().stream()
                    .filter(f -> f.path().endsWith("model.bin")).findFirst().orElseThrow();
        }
        // the local cache is gone and the remote's copy was altered
        FileTrees.delete(repo.resolve(".dvc/cache"));
        Path remoteObject = temp.getRoot().toPath().resolve("remote/files/md5").resolve(weights.md5().substring(0, 2))
                .resolve(weights.md5().substring(2));
        remoteObject.toFile().setWritable(true);
        Files.writeString(remoteObject, "tampered");

        Path target = temp.getRoot().toPath().resolve("fetched");
        assertThatThrownBy(() -> {
            try (RunStore store = RunStores.open(null, repo, Map.of());
                 DataWorkspace data = DataWorkspace.open(repo, DataOptions.defaults())) {
                ModelRegistry registry = new ModelRegistry(store);
                new Deployment(registry, store, data).fetch(registry.version(ModelRef.parse("churn/1")), target);
            }
        }).isInstanceOf(MlciException.class).hasMessageContaining(weights.md5());
        assertThat(target.resolve("model/model.bin")).doesNotExist();
    }
}
