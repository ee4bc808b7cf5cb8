package io.mlci.core.run.store;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.mlci.core.InvalidInputException;
import io.mlci.core.MlciException;
import io.mlci.core.run.record.RunRecord;
import io.mlci.core.run.record.RunStatus;
import io.mlci.core.testing.TestRuns;
import org.junit.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.mlci.core.testing.TestRuns.KEY_A;
import static io.mlci.core.testing.TestRuns.KEY_B;
import static io.mlci.core.testing.TestRuns.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What every run store does, whatever holds its blobs; subclasses supply a fresh store. */
public abstract class RunStoreContract {

    protected abstract RunStore newStore() throws Exception;

    @Test
    public void shouldStoreAndReadARecordByIdAndPrefix() throws Exception {
        try (RunStore store = newStore()) {
            RunRecord run = record(1, RunStatus.SUCCEEDED, "main", "c1".repeat(20), KEY_A);
            store.save(run, null);

            assertThat(store.get(run.id())).isEqualTo(run);
            assertThat(store.get(run.id().substring(0, 22))).isEqualTo(run);
            assertThatThrownBy(() -> store.get("20990101-000000-000-00000000")).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("no such run");
        }
    }

    @Test
    public void shouldNeverOverwriteARecord() throws Exception {
        try (RunStore store = newStore()) {
            RunRecord run = record(1, RunStatus.SUCCEEDED, "main", "c1".repeat(20), KEY_A);
            store.save(run, null);
            RunRecord other = RunStore.fromJson(new String(RunStore.toJson(run), java.nio.charset.StandardCharsets.UTF_8)
                    .replace("python train.py", "python other.py").getBytes(java.nio.charset.StandardCharsets.UTF_8));

            assertThatThrownBy(() -> store.save(other, null)).isInstanceOf(MlciException.class)
                    .hasMessageContaining("already exists");
            assertThat(store.get(run.id())).isEqualTo(run);
            // saving the very same record again (a retry) changes nothing and is not an error
            store.save(run, null);
            assertThat(store.get(run.id())).isEqualTo(run);
        }
    }

    @Test
    public void shouldKeepPullRequestRunsApartButCountThemWhenAskedForEveryRun() throws Exception {
        try (RunStore store = newStore()) {
            RunRecord own = record(1, RunStatus.SUCCEEDED, "main", "c1".repeat(20), KEY_A);
            RunRecord ofTwelve = record(2, RunStatus.SUCCEEDED, "feature/a", "c2".repeat(20), KEY_B);
            RunRecord ofSeven = record(3, RunStatus.FAILED, "feature/b", "c3".repeat(20), KEY_B);
            store.save(own, null);
            store.pullRequestRuns("12").save(ofTwelve, null);
            store.pullRequestRuns("7").save(ofSeven, null);

            assertThat(ids(store.list(RunQuery.all()))).containsExactly(own.id());
            assertThat(ids(store.pullRequestRuns("12").list(RunQuery.all()))).containsExactly(ofTwelve.id());
            assertThat(store.recordsWithPullRequests(RunQuery.all())).containsExactly(ofSeven, ofTwelve, own);
            assertThat(store.recordsWithPullRequests(new RunQuery("feature/a", null, null, 0))).containsExactly(ofTwelve);
        }
    }

    @Test
    public void shouldAnswerQueriesByBranchCommitAndKeyNewestFirst() throws Exception {
        try (RunStore store = newStore()) {
            RunRecord first = record(1, RunStatus.SUCCEEDED, "main", "c1".repeat(20), KEY_A);
            RunRecord failed = record(2, RunStatus.FAILED, "main", "c2".repeat(20), KEY_B);
            RunRecord feature = record(3, RunStatus.SUCCEEDED, "feature/x", "c2".repeat(20), KEY_B);
            RunRecord later = record(4, RunStatus.SUCCEEDED, "main", "c3".repeat(20), KEY_A);
            for (RunRecord run : List.of(first, failed, feature, later)) {
                store.save(run, null);
            }

            assertThat(ids(store.list(new RunQuery("main", null, null, 0)))).containsExactly(later.id(), failed.id(), first.id());
            assertThat(ids(store.list(new RunQuery("feature/x", null, null, 0)))).containsExactly(feature.id());
            assertThat(ids(store.list(new RunQuery(null, "c2c2c2c", null, 0)))).containsExactly(feature.id(), failed.id());
            assertThat(ids(store.list(new RunQuery("main", "c2".repeat(20), null, 0)))).containsExactly(failed.id());
            assertThat(ids(store.list(new RunQuery(null, null, RunStatus.FAILED, 0)))).containsExactly(failed.id());
            assertThat(ids(store.list(RunQuery.all().withLimit(2)))).containsExactly(later.id(), feature.id());
            assertThat(store.newestSucceeded(KEY_A)).contains(later);
            assertThat(store.newestSucceeded(KEY_B)).contains(feature);
            assertThat(store.newestSucceeded("c".repeat(64))).isEmpty();
        }
    }

    @Test
    public void shouldFindTheNewestPassingRunOfABranch() throws Exception {
        try (RunStore store = newStore()) {
            RunRecord passed = record(1, RunStatus.SUCCEEDED, "main", "c1".repeat(20), KEY_A);
            RunRecord reused = record(2, RunStatus.REUSED, "main", "c2".repeat(20), KEY_A);
            RunRecord gateFailed = record(3, RunStatus.SUCCEEDED, "main", "c3".repeat(20), KEY_B);
            RunRecord crashed = record(4, RunStatus.FAILED, "main", "c4".repeat(20), KEY_B);
            for (RunRecord run : List.of(passed, reused, gateFailed, crashed)) {
                store.save(run, null);
            }
            store.addFact(gateFailed.id(), "gate", JsonNodeFactory.instance.objectNode().put("verdict", "failed"));

            assertThat(store.newestPassing("main")).contains(reused);
            assertThat(store.newestPassing("develop")).isEmpty();

            store.addFact(gateFailed.id(), "gate", JsonNodeFactory.instance.objectNode().put("verdict", "passed"));
            assertThat(store.newestPassing("main")).contains(gateFailed);
            assertThat(store.facts(gateFailed.id(), "gate")).extracting(f -> f.body().get("verdict").asText())
                    .containsExactly("failed", "passed");
        }
    }

    @Test
    public void shouldLoseNothingWhenManyBuildsWriteAtOnce() throws Exception {
        int writers = 8;
        int perWriter = 15;
        try (RunStore store = newStore()) {
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            List<Future<List<String>>> futures = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                futures.add(pool.submit(() -> {
                    List<String> written = new ArrayList<>();
                    for (int i = 0; i < perWriter; i++) {
                        // every writer records in the same second, as parallel builds do
                        RunRecord run = record(0, RunStatus.SUCCEEDED, "main", "c" + writer + "0".repeat(38), KEY_A);
                        store.save(run, null);
                        written.add(run.id());
                    }
                    return written;
                }));
            }
            List<String> expected = Collections.synchronizedList(new ArrayList<>());
            for (Future<List<String>> future : futures) {
                expected.addAll(future.get());
            }
            pool.shutdown();

            assertThat(ids(store.list(RunQuery.all()))).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(ids(store.list(new RunQuery("main", null, null, 0)))).hasSize(writers * perWriter);
        }
    }

    private static List<String> ids(List<RunRef> refs) {
        return refs.stream().map(RunRef::id).toList();
    }
}
