package io.mlci.core.sweep;

import io.mlci.core.run.store.RunStore;
import io.mlci.core.run.store.RunStores;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Early stopping across machines: each trial has its own rule and its own connection to one run
 * store, as two Jenkins agents have, and they see each other only through the store.
 */
public class SharedEarlyStoppingTest {

    private static final EarlyStop RULE = new EarlyStop("val_auc", 1, 2);

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private RunStore agentStore() {
        return RunStores.open(temp.getRoot().toPath().resolve("store").toString(), temp.getRoot().toPath(), Map.of());
    }

    private static MedianStoppingRule agentRule(RunStore store, String study) {
        return new MedianStoppingRule(RULE, Objective.Goal.MAX, new StudyProgress(store.blobs(), study, RULE.metric(), Duration.ZERO));
    }

    @Test
    public void shouldStopATrialOnOneAgentByTheMedianOfATrialThatFinishedOnAnother() throws Exception {
        CountDownLatch goodFinished = new CountDownLatch(1);
        CountDownLatch badStarted = new CountDownLatch(1);
        try (RunStore agentA = agentStore(); RunStore agentB = agentStore()) {
            MedianStoppingRule onA = agentRule(agentA, "sweep-42");
            MedianStoppingRule onB = agentRule(agentB, "sweep-42");

            CompletableFuture<Void> good = CompletableFuture.runAsync(() -> {
                await(badStarted);
                for (int step = 1; step <= 4; step++) {
                    assertThat(onA.report("t1", step, 0.8 + 0.01 * step)).isEmpty();
                }
                onA.finished("t1");
                goodFinished.countDown();
            });
            CompletableFuture<Optional<String>> bad = CompletableFuture.supplyAsync(() -> {
                Optional<String> early = onB.report("t2", 1, 0.3).or(() -> onB.report("t2", 2, 0.31));
                badStarted.countDown();
                await(goodFinished);
                return early.or(() -> onB.report("t2", 3, 0.32));
            });

            good.get(10, TimeUnit.SECONDS);
            Optional<String> stopped = bad.get(10, TimeUnit.SECONDS);

            assertThat(stopped).as("stopped only once the other agent's trial had finished").hasValueSatisfying(reason ->
                    assertThat(reason).startsWith(MedianStoppingRule.STOPPED_EARLY + " at step 3")
                            .contains("1 finished trials"));
            assertThat(new StudyProgress(agentB.blobs(), "another-sweep", "val_auc", Duration.ZERO).finished())
                    .as("studies do not mix").isEmpty();
        }
    }

    @Test
    public void shouldCountATrialOnceAndLeaveOutHistoriesThatAreNotHistories() {
        try (RunStore agentA = agentStore(); RunStore agentB = agentStore()) {
            MedianStoppingRule onA = agentRule(agentA, "sweep-7");
            onA.report("t1", 1, 0.9);
            onA.report("t1", 2, 0.9);
            onA.finished("t1");
            onA.finished("t1");
            agentA.blobs().putIfAbsent(StudyProgress.PREFIX + "sweep-7/forged.json",
                    "{\"trial\": \"t9\", \"metric\": \"val_auc\", \"steps\": {\"1\": 0.1}}".getBytes(StandardCharsets.UTF_8));
            agentA.blobs().putIfAbsent(StudyProgress.PREFIX + "sweep-7/junk.json", "not json".getBytes(StandardCharsets.UTF_8));

            StudyProgress seenFromB = new StudyProgress(agentB.blobs(), "sweep-7", "val_auc", Duration.ZERO);

            assertThat(seenFromB.finished()).containsOnlyKeys("t1");
            assertThat(seenFromB.finished().get("t1")).containsEntry(1L, 0.9).containsEntry(2L, 0.9);
            assertThat(new StudyProgress(agentB.blobs(), "sweep-7", "val_loss", Duration.ZERO).finished())
                    .as("a history of another metric is not this one's").isEmpty();
            assertThat(onA.report("t1", 2, 0.1)).as("a trial is not compared with its own history").isEmpty();
        }
        assertThatThrownBy(() -> new StudyProgress(null, "../escape", "val_auc", Duration.ZERO))
                .hasMessageContaining("not a study name");
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
