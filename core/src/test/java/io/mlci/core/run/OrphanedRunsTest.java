package io.mlci.core.run;

import io.mlci.core.config.MlciYaml;
import io.mlci.core.run.cost.Prices;
import io.mlci.core.run.lease.ProcessOwner;
import io.mlci.core.run.record.RunRecord;
import io.mlci.core.run.record.RunStatus;
import io.mlci.core.run.store.RunStore;
import io.mlci.core.storage.LocalBlobStore;
import io.mlci.core.testing.TestRuns;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which scratch directories a later run treats as a killed run's leftovers. Owners are real
 * processes: this one (live) and a finished {@code true} (gone); a machine whose pids cannot be
 * looked up here is named as such.
 */
public class OrphanedRunsTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private final List<String> said = new CopyOnWriteArrayList<>();
    private Path root;
    private RunStore store;

    @Before
    public void setUp() throws Exception {
        root = temp.newFolder("repo").toPath().toRealPath();
        store = new RunStore(new LocalBlobStore(root.resolve(".mlci")));
    }

    @Test
    public void shouldRecordARunWhoseProcessIsGoneAsKilled() throws Exception {
        RunRecord draft = draft(1);
        Path dir = scratch(owner(finishedProcess()), store.describe(), draft);
        Files.writeString(dir.resolve("train.log"), "epoch 1\n");

        assertThat(sweep()).containsExactly(draft.id());

        RunRecord recorded = store.get(draft.id());
        assertThat(recorded.status()).isEqualTo(RunStatus.KILLED);
        assertThat(recorded.orphaned()).isNotNull();
        assertThat(recorded.finishedAt()).isEqualTo(recorded.orphaned().lastSeenAt());
        assertThat(recorded.outputs()).isEmpty();
        assertThat(new String(store.openLog(draft.id()).readAllBytes())).isEqualTo("epoch 1\n");
        assertThat(dir).doesNotExist();
        assertThat(sweep()).as("recorded once").isEmpty();
    }

    @Test
    public void shouldLeaveALiveTrainingAlone() throws Exception {
        RunRecord draft = draft(2);
        Path dir = scratch(ProcessOwner.current(), store.describe(), draft);

        assertThat(sweep()).isEmpty();

        assertThat(dir.resolve("owner.json")).exists();
        assertThat(store.find(draft.id())).isEmpty();
    }

    @Test
    public void shouldJudgeAnOwnerOnAnotherMachineByItsHeartbeat() throws Exception {
        ProcessOwner elsewhere = new ProcessOwner("agent-9", "agent-9 other-boot pid:[1]", 4711, null);
        RunRecord fresh = draft(3);
        Path beating = scratch(elsewhere, store.describe(), fresh);
        RunRecord silent = draft(4);
        Path quiet = scratch(elsewhere, store.describe(), silent);
        Files.setLastModifiedTime(quiet.resolve("owner.json"),
                FileTime.from(Instant.now().minus(OrphanedRuns.FOREIGN_SILENCE).minus(Duration.ofMinutes(1))));

        assertThat(sweep()).containsExactly(silent.id());

        assertThat(beating).exists();
        assertThat(quiet).doesNotExist();
    }

    @Test
    public void shouldLeaveARunOfAnotherStoreForThatStore() throws Exception {
        RunRecord draft = draft(5);
        Path dir = scratch(owner(finishedProcess()), "s3://elsewhere/runs", draft);

        assertThat(sweep()).isEmpty();

        assertThat(dir).exists();
        assertThat(said).anyMatch(line -> line.contains("its record belongs in s3://elsewhere/runs"));
    }

    @Test
    public void shouldIgnoreADirectoryWithoutAnOwnerFile() throws Exception {
        Path dir = Files.createDirectories(RunWorkdir.scratchRoot(root).resolve(draft(6).id()));

        assertThat(sweep()).isEmpty();

        assertThat(dir).exists();
    }

    private List<String> sweep() {
        return new OrphanedRuns(root, store, Prices.of(MlciYaml.parse("mlci.yaml", ""), Map.of()), Duration.ofMinutes(2),
                said::add).sweep();
    }

    private Path scratch(ProcessOwner owner, String storeName, RunRecord draft) {
        try (RunWorkdir workdir = RunWorkdir.create(root, new WorkdirOwner(owner, storeName, null, draft))) {
            return RunWorkdir.scratchRoot(root).resolve(draft.id());
        }
    }

    private static RunRecord draft(int n) {
        RunRecord run = TestRuns.record(n, RunStatus.KILLED, "main", "c0ffee", TestRuns.KEY_A);
        return RunRecord.builder(run.id(), run.runKey(), run.source()).status(RunStatus.KILLED)
                .times(Instant.now().toString(), null, 0).exit(null, 1).build();
    }

    private static ProcessOwner owner(long pid) {
        ProcessOwner here = ProcessOwner.current();
        return new ProcessOwner(here.host(), here.machine(), pid, null);
    }

    private static long finishedProcess() throws Exception {
        Process process = new ProcessBuilder("true").start();
        process.waitFor();
        return process.pid();
    }
}
