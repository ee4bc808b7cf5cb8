package io.mlci.core.run;

import io.mlci.core.run.record.RunRecord;
import io.mlci.core.run.record.RunStatus;
import io.mlci.core.storage.FileTrees;
import io.mlci.core.testing.TestJvm;
import io.mlci.core.testing.TrainProcess;
import io.mlci.core.testing.TrainingRepos;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A training whose machine disappears (a reclaimed spot instance: SIGKILL to mlci and the
 * training, workspace gone) resumes from the checkpoints mlci kept on the remote when it runs
 * again on a fresh workspace.
 */
public class CheckpointResumeTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void shouldResumeFromRemoteCheckpointsAfterTheTrainingWasKilled() throws Exception {
        Path repo = TrainingRepos.create(temp.getRoot().toPath(), TrainingRepos.MLCI_YAML, "slow");
        Process training = TestJvm.builder(TrainProcess.class, "train", repo.toString())
                .redirectOutput(temp.getRoot().toPath().resolve("first-attempt.log").toFile()).start();
        Path manifests = repo.resolve(".mlci/checkpoints");
        try {
            waitUntil(() -> uploadedStep(manifests) >= 3, 30);
        } finally {
            List<ProcessHandle> tree = training.descendants().toList();
            training.destroyForcibly();
            tree.forEach(ProcessHandle::destroyForcibly);
            training.waitFor(10, TimeUnit.SECONDS);
        }
        assertThat(repo.resolve(".mlci/runs")).as("a killed mlci records nothing").doesNotExist();

        // a fresh agent: no checkpoints and no model in the workspace
        FileTrees.delete(repo.resolve("ckpt"));
        Files.deleteIfExists(repo.resolve(".trainings"));
        List<String> phases = new CopyOnWriteArrayList<>();
        List<String> output = new CopyOnWriteArrayList<>();

        RunRecord run = new Trainer(repo, TrainingRepos.options(Map.of(), phases, output)).train().record();

        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(phases).anyMatch(line -> line.startsWith("checkpoints: restored"));
        String resumed = output.stream().filter(line -> line.startsWith("resuming from step")).findFirst().orElseThrow();
        assertThat(Integer.parseInt(resumed.replaceAll("\\D+", ""))).isGreaterThanOrEqualTo(2);
        assertThat(output).doesNotContain("step 1");
        assertThat(output).contains("step 8");
    }

    /** The step the newest uploaded manifest's checkpoint reached, read the way a restore would. */
    private static int uploadedStep(Path manifests) {
        try (Stream<Path> files = Files.exists(manifests) ? Files.walk(manifests) : Stream.empty()) {
            Path manifest = files.filter(p -> p.getFileName().toString().equals("manifest.json")).findFirst().orElse(null);
            if (manifest == null) {
                return 0;
            }
            String json = Files.readString(manifest);
            String md5 = json.replaceAll("(?s).*\"path\"\\s*:\\s*\"step\"\\s*,\\s*\"md5\"\\s*:\\s*\"([0-9a-f]{32})\".*", "$1");
            return md5.length() == 32 ? stepOf(manifests.getParent().getParent().getParent().resolve("remote/files/md5")
                    .resolve(md5.substring(0, 2)).resolve(md5.substring(2))) : 0;
        } catch (Exception e) {
            return 0;
        }
    }

    private static int stepOf(Path object) throws Exception {
        return Files.exists(object) ? Integer.parseInt(Files.readString(object).trim()) : 0;
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + seconds + " s");
            }
            Thread.sleep(50);
        }
    }
}
