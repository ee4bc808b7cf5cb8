package io.mlci.core.run.lease;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A held lease on a run key: renewed in the background while the training runs, released when
 * closed. Only its holder may write the run key's live state (the checkpoint manifest); a
 * holder whose lease was taken over (it stopped renewing long enough to be thought dead) learns
 * it from {@link #stillHeld()} and stops writing.
 */
public final class RunKeyLease implements AutoCloseable {

    private final LeaseBlobs blobs;
    private final Consumer<String> say;
    private final boolean waited;
    private final ScheduledExecutorService renewer;
    private volatile LeaseRecord record;
    private volatile boolean lost;

    RunKeyLease(LeaseBlobs blobs, LeaseRecord record, boolean waited, Consumer<String> say) {
        this.blobs = blobs;
        this.record = record;
        this.waited = waited;
        this.say = say;
        this.renewer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "mlci-lease");
            thread.setDaemon(true);
            return thread;
        });
        long every = Math.max(100, Duration.ofSeconds(record.ttlSeconds()).toMillis() / 3);
        renewer.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
    }

    /** Whether this trainer waited for another one before it got the lease. */
    public boolean waited() {
        return waited;
    }

    /** 1 for a first claim, higher after takeovers. */
    public int attempt() {
        return record.attempt();
    }

    /** Asks the store: false once another trainer took the run key over. */
    public boolean stillHeld() {
        if (!lost && blobs.newestAttempt(record.runKey()) > record.attempt()) {
            lost = true;
            say.accept("the lease on run key " + shortKey() + " was taken over by another training (it was not renewed "
                    + "in time); this training no longer writes the run key's checkpoints");
        }
        return !lost;
    }

    private void renew() {
        try {
            if (stillHeld()) {
                LeaseRecord renewed = record.renewed(Instant.now().toString());
                blobs.write(renewed);
                record = renewed;
            }
        } catch (RuntimeException e) {
            // the store is unreachable for a moment: the next renewal tries again; the lease lasts
            // three renewal periods
            say.accept("could not renew the lease on run key " + shortKey() + ": " + e.getMessage());
        }
    }

    private String shortKey() {
        return record.runKey().substring(0, Math.min(12, record.runKey().length()));
    }

    /** Stops renewing and gives the run key free for the next trainer. */
    @Override
    public void close() {
        renewer.shutdownNow();
        try {
            renewer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            blobs.remove(record);
        } catch (RuntimeException e) {
            say.accept("could not release the lease on run key " + shortKey() + " (it expires by itself): "
                    + e.getMessage());
        }
    }
}
