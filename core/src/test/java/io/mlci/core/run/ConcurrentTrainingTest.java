package io.mlci.core.run;

import io.mlci.core.run.record.RunRecord;
import io.mlci.core.run.record.RunStatus;
import io.mlci.core.testing.TrainingRepos;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two builds of one commit, each in its own workspace, training into one run store at once (two
 * pull-request builds of the same head): the run key is trained once.
 */
public class ConcurrentTrainingTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void shouldTrainARunKeyOnceWhenTwoBuildsTrainItAtOnce() throws Exception {
        Path first = TrainingRepos.create(temp.newFolder("a").toPath(), TrainingRepos.MLCI_YAML, "slow");
        Path second = copy(first, temp.getRoot().toPath().resolve("b/repo"));
        String store = temp.getRoot().toPath().resolve("store").toString();
        Map<String, String> env = Map.of("MLCI_BRANCH", "main", "MLCI_LEASE_SECONDS", "2");
        List<String> firstSaid = new CopyOnWriteArrayList<>();
        List<String> secondSaid = new CopyOnWriteArrayList<>();

        CompletableFuture<TrainOutcome> firstRun = CompletableFuture.supplyAsync(() -> new Trainer(first,
                TrainingRepos.options(env, firstSaid, new CopyOnWriteArrayList<>()).withStore(store)).train());
        long deadline = System.currentTimeMillis() + 60_000;
        while (firstSaid.stream().noneMatch(line -> line.startsWith("training run")) && System.currentTimeMillis() < deadline) {
            assertThat(firstRun).isNotDone();
            Thread.sleep(20);
        }
        RunRecord secondRecord = new Trainer(second, TrainingRepos.options(env, secondSaid, new CopyOnWriteArrayList<>())
                .withStore(store)).train().record();
        RunRecord firstRecord = firstRun.get(60, TimeUnit.SECONDS).record();

        assertThat(firstRecord.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(secondRecord.status()).as(String.join("\n", secondSaid)).isEqualTo(RunStatus.REUSED);
        assertThat(secondRecord.runKey()).isEqualTo(firstRecord.runKey());
        assertThat(secondSaid).anyMatch(line -> line.contains("is being trained by run " + firstRecord.id())
                && line.endsWith("waiting for it to finish"));
        assertThat(second.resolve(".trainings")).as("the second build trained nothing").doesNotExist();
        assertThat(Files.readString(second.resolve("model/model.bin"))).isEqualTo(Files.readString(first.resolve("model/model.bin")));
    }

    private static Path copy(Path from, Path to) throws Exception {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return to;
    }
}
