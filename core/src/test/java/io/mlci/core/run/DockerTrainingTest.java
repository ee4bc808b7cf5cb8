package io.mlci.core.run;

import io.mlci.core.MlciException;
import io.mlci.core.run.record.RunRecord;
import io.mlci.core.run.record.RunStatus;
import io.mlci.core.run.store.RunQuery;
import io.mlci.core.run.store.RunStore;
import io.mlci.core.run.store.RunStores;
import io.mlci.core.testing.FakeDocker;
import io.mlci.core.testing.TrainingRepos;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code mlci train --executor docker} end to end with a real repository and run store; the
 * stand-in docker client runs the "container" as a local process, since no engine runs here.
 */
public class DockerTrainingTest {

    private static final String MLCI_YAML = TrainingRepos.MLCI_YAML.replace("  command: sh train.sh\n",
            "  command: sh train.sh\n  image: pytorch/pytorch:2.4.0-cuda12.1-cudnn9-runtime\n  dockerArgs: [--shm-size=16g]\n");

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private final List<String> phases = new CopyOnWriteArrayList<>();
    private final List<String> output = new CopyOnWriteArrayList<>();
    private FakeDocker docker;
    private Path repo;

    @Before
    public void createRepository() throws Exception {
        repo = TrainingRepos.create(temp.newFolder("work").toPath(), MLCI_YAML, "ok");
        docker = FakeDocker.install(temp.newFolder("bin").toPath());
    }

    private Trainer trainer(Map<String, String> extra) {
        Map<String, String> env = new java.util.HashMap<>(Map.of("MLCI_BRANCH", "main", "MLCI_DOCKER", docker.binary(),
                "NODE_NAME", "gpu-agent-7", "BUILD_TAG", "jenkins-churn-main-12",
                // the agent's paths are the Docker host's, whether or not this test machine is a container
                "MLCI_DOCKER_HOST_PATH", "/:/"));
        env.putAll(extra);
        return new Trainer(repo, TrainingRepos.options(env, phases, output)
                .withExecutor(TrainOptions.ExecutorChoice.DOCKER));
    }

    @Test
    public void shouldTrainInTheImageAndRecordItsDigestAndGpus() {
        RunRecord run = trainer(Map.of()).train().record();

        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(run.image()).isEqualTo("pytorch/pytorch:2.4.0-cuda12.1-cudnn9-runtime");
        assertThat(run.imageDigest()).isEqualTo("pytorch/pytorch@sha256:" + "2".repeat(64));
        assertThat(run.gpus().count()).isEqualTo(2);
        assertThat(run.gpus().describe()).isEqualTo("2 × NVIDIA A10G (23028 MiB, driver 550.54.15, CUDA 12.4)");
        assertThat(output).anyMatch(line -> line.startsWith("training lr=0.5 mode=ok run=" + run.id()));
        assertThat(docker.lines()).anyMatch(line -> line.startsWith("run --rm --name mlci-" + run.id() + "-1 --init --label io.mlci.run="
                + run.id() + " --label io.mlci.build=jenkins-churn-main-12") && line.contains(" --gpus all ")
                && line.contains("--shm-size=16g pytorch/pytorch@sha256:"));
    }

    @Test
    public void shouldFailBeforeTrainingOrRecordingWhenRequiredGpusAreMissing() throws Exception {
        docker.set("gpus", "no-toolkit");

        assertThatThrownBy(() -> trainer(Map.of()).train()).isInstanceOf(MlciException.class)
                .hasMessageContaining("on agent gpu-agent-7: the agent's Docker has no NVIDIA container toolkit");
        assertThat(docker.lines()).noneMatch(line -> line.startsWith("run --rm --name"));
        try (RunStore store = RunStores.open(null, repo, Map.of())) {
            assertThat(store.list(RunQuery.all())).isEmpty();
        }
    }

    @Test
    public void shouldRecordAnAbortedTrainingAsKilledAfterStoppingAndRemovingItsContainer() throws Exception {
        docker.set("block", "");
        Trainer trainer = trainer(Map.of());
        Thread aborter = new Thread(() -> {
            while (output.stream().noneMatch(line -> line.startsWith("training in mlci-"))) {
                Thread.onSpinWait();
            }
            trainer.stop();
        });
        aborter.start();

        RunRecord run = trainer.train().record();
        aborter.join();

        assertThat(run.status()).isEqualTo(RunStatus.KILLED);
        List<String> calls = docker.lines();
        assertThat(calls.subList(calls.size() - 2, calls.size()))
                .containsExactly("stop --time 2 mlci-" + run.id() + "-1", "rm -f mlci-" + run.id() + "-1");
    }

    @Test
    public void shouldRefuseFlagsFromTheRepositoryThatReachTheAgent() throws Exception {
        java.nio.file.Files.writeString(repo.resolve("mlci.yaml"), MLCI_YAML.replace("--shm-size=16g", "'-v /:/host'"));

        assertThatThrownBy(() -> trainer(Map.of()).train()).hasMessageStartingWith(
                "mlci.yaml: field 'train.dockerArgs': '-v /:/host' is refused");
        assertThat(trainer(Map.of("MLCI_TRUSTED_DOCKER_ARGS", "--volume")).train().record().status())
                .isEqualTo(RunStatus.SUCCEEDED);
    }
}
