package io.mlci.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlci.core.testing.GitRepos;
import io.mlci.core.testing.Processes;
import io.mlci.core.testing.TestRepos;
import org.eclipse.jgit.api.Git;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real {@code mlci train} killed with SIGKILL mid-training (no shutdown hook, no finally block)
 * leaves its scratch directory and no record. The next run in the workspace records it as killed
 * and removes what it left, while a second training still running in the same workspace keeps
 * everything it has.
 */
public class KilledRunLeftoversTest {

    /** Notes its pid under the seed param, trains for NAP seconds, writes the model. */
    private static final String COMMAND = "echo $$ > pid-$MLCI_PARAM_SEED; sleep $MLCI_PARAM_NAP & wait; echo trained > model.bin";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Rule
    public MlciProcesses processes = new MlciProcesses(temp);

    @Test
    public void shouldRecordAKilledRunAndRemoveItsLeftoversButNotALiveRunsOnTheNextRun() throws Exception {
        Path repo = repository();
        Path store = temp.newFolder("store").toPath().toRealPath();
        Path scratch = repo.resolve(".mlci/tmp");
        Instant beforeKilledRun = Instant.now().minusSeconds(1);

        Process killed = start(repo, store, "seed=1");
        long killedTraining = processes.readPid(repo.resolve("pid-1"), killed);
        Path killedDir = onlyRunDirectory(scratch, List.of());
        String killedId = killedDir.getFileName().toString();
        Process live = start(repo, store, "seed=2"); // trains on beside it, and must lose nothing
        processes.readPid(repo.resolve("pid-2"), live);
        Path liveDir = onlyRunDirectory(scratch, List.of(killedDir));

        killed.destroyForcibly(); // SIGKILL
        killed.waitFor();
        assertThat(Processes.runsWithin(killedTraining, 5_000)).as("the killed mlci's training").isFalse();
        // writes the kill cut short: it cannot be timed to land inside one, so their leftovers are
        // made here, named and dated as mlci names and dates them
        Path cutLog = leftover(store.resolve("logs"), killed.pid(), killedId + ".log", beforeKilledRun);
        Path cutCheckpoint = leftover(repo.resolve("checkpoints"), killed.pid(), "epoch-3.pt", beforeKilledRun);
        Path liveWrite = leftover(store.resolve("runs"), live.pid(), "in-progress.json", beforeKilledRun);

        CliRun next = CliRun.in(repo, environment(), "train", "--executor", "local", "--store", store.toString(),
                "-S", "seed=3", "-S", "nap=0");

        assertThat(next.exitCode()).as(next.out() + next.err()).isZero();
        assertThat(next.err() + next.out()).contains("run " + killedId).contains("recorded as killed")
                .contains("2 temporary file(s)");
        assertThat(killedDir).as("the killed run's scratch directory").doesNotExist();
        assertThat(cutLog).as("a store write the kill cut short").doesNotExist();
        assertThat(cutCheckpoint).as("a checkpoint restore the kill cut short").doesNotExist();
        assertThat(liveDir.resolve("owner.json")).as("the live run's scratch directory").exists();
        assertThat(liveDir.resolve("params.json")).exists();
        assertThat(liveWrite).as("the live run's write in progress").exists();
        assertThat(live.isAlive()).isTrue();

        JsonNode record = JSON.readTree(store.resolve("runs/" + killedId + ".json").toFile());
        assertThat(record.path("status").asText()).isEqualTo("killed");
        assertThat(record.path("params").path("seed").asInt()).isEqualTo(1);
        assertThat(record.path("outputs")).isEmpty();
        assertThat(Instant.parse(record.path("startedAt").asText())).isAfter(beforeKilledRun);
        assertThat(record.path("orphaned").path("owner").asText()).isEqualTo("pid " + killed.pid() + " on "
                + Files.readString(Path.of("/proc/sys/kernel/hostname")).trim());
        assertThat(record.path("orphaned").path("outputsKept").asBoolean(true)).isFalse();
        assertThat(record.path("finishedAt").asText()).isEqualTo(record.path("orphaned").path("lastSeenAt").asText());
        assertThat(record.path("message").asText()).contains("stopped without recording this run").contains("last seen at");
        assertThat(Files.readString(store.resolve("logs/" + killedId + ".log"))).as("the killed run's log is kept")
                .isNotNull();
        assertThat(leases(store, record.path("runKey").asText())).as("the killed run's lease").isEmpty();

        CliRun list = CliRun.in(repo, environment(), "runs", "list", "--store", store.toString());
        assertThat(list.out()).containsPattern(killedId + ".*killed");

        CliRun again = CliRun.in(repo, environment(), "train", "--executor", "local", "--store", store.toString(),
                "-S", "seed=4", "-S", "nap=0");
        assertThat(again.exitCode()).isZero();
        assertThat(again.err() + again.out()).as("a killed run is recorded once").doesNotContain(killedId);
        assertThat(liveDir).exists();
    }

    private Path repository() throws Exception {
        Path repo = temp.newFolder("repo").toPath().toRealPath();
        try (Git git = GitRepos.init(repo)) {
            TestRepos.write(repo, "mlci.yaml", "train:\n  command: \"" + COMMAND + "\"\n  params: [params.yaml]\n"
                    + "  outputs: [model.bin]\n  checkpoints: { path: checkpoints/, interval: 60s }\n");
            TestRepos.write(repo, "params.yaml", "seed: 0\nnap: 300\n");
            TestRepos.write(repo, ".gitignore", "/.mlci\n/pid-*\n/model.bin\n/checkpoints\n");
            GitRepos.commitAll(git, "a long training");
        }
        return repo;
    }

    private static Map<String, String> environment() {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("MLCI_BRANCH", "main");
        return env;
    }

    /** {@code mlci -C repo train -S PARAM}, a real process. */
    private Process start(Path repo, Path store, String param) throws Exception {
        return processes.start("-C", repo.toString(), "train", "--executor", "local", "--store", store.toString(), "-S", param);
    }

    /** A temporary file as mlci's atomic writes name it, last written at {@code when}. */
    private static Path leftover(Path dir, long pid, String name, Instant when) throws Exception {
        Files.createDirectories(dir);
        Path file = dir.resolve(".mlci-tmp-" + pid + "-1f2e3d4c-" + name);
        Files.writeString(file, "half of it");
        Files.setLastModifiedTime(file, FileTime.from(when));
        return file;
    }

    private static Path onlyRunDirectory(Path scratch, List<Path> known) throws Exception {
        try (Stream<Path> entries = Files.list(scratch)) {
            List<Path> runs = entries.filter(Files::isDirectory).filter(dir -> !known.contains(dir))
                    .filter(dir -> Files.exists(dir.resolve("owner.json"))).toList();
            assertThat(runs).hasSize(1);
            return runs.get(0);
        }
    }

    private static List<Path> leases(Path store, String runKey) throws Exception {
        Path dir = store.resolve("leases").resolve(runKey);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }
}
