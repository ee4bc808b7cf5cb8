package io.mlci.core.run.lease;

import io.mlci.core.MlciException;
import io.mlci.core.storage.BlobStore;
import org.junit.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How run-key leases behave on any run store: a directory and S3 run the same tests. */
public abstract class RunKeyLeaseContract {

    private static final String KEY = "4f1c0d7e9a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5";

    protected final List<String> said = new CopyOnWriteArrayList<>();

    protected abstract BlobStore newStore();

    private RunKeyLeases leases(BlobStore store, Duration ttl) {
        return new RunKeyLeases(store, ttl, said::add);
    }

    @Test
    public void shouldLetTwoTrainersOfOneRunKeyTakeTurns() throws Exception {
        BlobStore store = newStore();
        List<long[]> held = new CopyOnWriteArrayList<>();
        List<Boolean> waited = new CopyOnWriteArrayList<>();
        CountDownLatch firstHolds = new CountDownLatch(1);
        Runnable trainer = () -> {
            try (RunKeyLease lease = leases(store, Duration.ofSeconds(2)).acquire(KEY, "run-" + Thread.currentThread().getName(),
                    () -> false)) {
                long start = System.nanoTime();
                firstHolds.countDown();
                sleep(700);
                held.add(new long[] {start, System.nanoTime()});
                waited.add(lease.waited());
            }
        };
        Thread first = new Thread(trainer, "a");
        first.start();
        assertThat(firstHolds.await(10, TimeUnit.SECONDS)).isTrue();
        Thread second = new Thread(trainer, "b");
        second.start();
        first.join();
        second.join();

        assertThat(held).hasSize(2);
        long[] a = held.get(0);
        long[] b = held.get(1);
        assertThat(b[0]).as("the second holds the run key only after the first released it").isGreaterThanOrEqualTo(a[1]);
        assertThat(waited).containsExactly(false, true);
        assertThat(said).anyMatch(line -> line.contains("is being trained by run run-a") && line.endsWith("waiting for it to finish"));
        assertThat(said).noneMatch(line -> line.contains("took over"));
    }

    @Test
    public void shouldTakeOverAtOnceFromAKilledProcessOnThisMachine() throws Exception {
        BlobStore store = newStore();
        Process killed = new ProcessBuilder("sleep", "60").start();
        LeaseRecord stale = new LeaseRecord(KEY, 1, "run-killed", ProcessOwner.of(killed.toHandle()), Instant.now().toString(),
                Instant.now().toString(), 3600);
        assertThat(new LeaseBlobs(store).create(stale)).isTrue();
        killed.destroyForcibly().waitFor();

        long start = System.nanoTime();
        try (RunKeyLease lease = leases(store, Duration.ofHours(1)).acquire(KEY, "run-next", () -> false)) {
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(lease.attempt()).isEqualTo(2);
            assertThat(lease.waited()).isFalse();
        }
        assertThat(said).anyMatch(line -> line.contains("took over from run run-killed") && line.contains("is gone")
                && line.endsWith("training as attempt 2"));
        assertThat(new LeaseBlobs(store).attempts(KEY)).as("released, and the stale claim removed").isEmpty();
    }

    @Test
    public void shouldTakeOverALeaseFromAnotherMachineOnlyOnceItIsNoLongerRenewed() throws Exception {
        BlobStore store = newStore();
        ProcessOwner elsewhere = new ProcessOwner("agent-9", "agent-9 other-boot pid:[1]", 4711, null);
        long start = System.nanoTime();
        LeaseRecord silent = new LeaseRecord(KEY, 1, "run-elsewhere", elsewhere, Instant.now().toString(),
                Instant.now().toString(), 1);
        new LeaseBlobs(store).create(silent);

        try (RunKeyLease lease = leases(store, Duration.ofSeconds(1)).acquire(KEY, "run-next", () -> false)) {
            // its pid means nothing here: only a second without renewal ends it
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as(String.join("\n", said))
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
            assertThat(lease.attempt()).isEqualTo(2);
        }
        assertThat(said).anyMatch(line -> line.contains("took over from run run-elsewhere (pid 4711 on agent-9")
                && line.contains("whose lease expired"));
    }

    @Test
    public void shouldKeepALeaseAliveWhileItsHolderRenewsIt() throws Exception {
        BlobStore store = newStore();
        try (RunKeyLease holder = leases(store, Duration.ofSeconds(1)).acquire(KEY, "run-live", () -> false)) {
            long deadline = System.currentTimeMillis() + 2_500;
            assertThatThrownBy(() -> leases(store, Duration.ofSeconds(1)).acquire(KEY, "run-waiting",
                    () -> System.currentTimeMillis() > deadline))
                    .isInstanceOf(MlciException.class)
                    .hasMessageContaining("stopped while waiting for the training of run key")
                    .hasMessageContaining("run run-live");
            assertThat(holder.stillHeld()).isTrue();
        }
    }

    @Test
    public void shouldTellAHolderThatItsLeaseWasTakenOver() {
        BlobStore store = newStore();
        try (RunKeyLease holder = leases(store, Duration.ofMinutes(1)).acquire(KEY, "run-paused", () -> false)) {
            // what a waiter writes once it judged this holder dead (it had stopped renewing)
            new LeaseBlobs(store).create(new LeaseRecord(KEY, 2, "run-next", ProcessOwner.current(),
                    Instant.now().toString(), Instant.now().toString(), 60));

            assertThat(holder.stillHeld()).isFalse();
        }
        assertThat(said).anyMatch(line -> line.contains("was taken over by another training"));
        assertThat(new LeaseBlobs(store).attempts(KEY)).containsExactly(2);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
