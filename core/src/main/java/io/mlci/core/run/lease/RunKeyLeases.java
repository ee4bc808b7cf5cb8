package io.mlci.core.run.lease;

import io.mlci.core.MlciException;
import io.mlci.core.storage.BlobStore;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Makes trainings of one run key take turns (two pull-request builds of one commit would
 * otherwise write one checkpoint prefix at once). A trainer claims the run key with a
 * create-if-absent lease blob naming itself and renews it while it trains. Another trainer of the
 * key waits while the lease is live, and takes it over, as the next attempt, once it has expired:
 * its holder's process is gone (known at once on the same machine), or the blob has not been
 * renewed for its time to live. Expiry is judged by the waiter's own clock twice over — the blob
 * unchanged for the whole time to live since the waiter first saw it, or a renewal time older
 * than twice the time to live — so a skewed clock on another agent cannot make a live lease look
 * expired.
 */
public final class RunKeyLeases {

    /** Seconds a lease lasts without renewal; renewals come every third of it. */
    public static final String TTL_VARIABLE = "MLCI_LEASE_SECONDS";
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(2);

    private final LeaseBlobs blobs;
    private final Duration ttl;
    private final Consumer<String> say;

    public RunKeyLeases(BlobStore store, Duration ttl, Consumer<String> say) {
        this.blobs = new LeaseBlobs(store);
        this.ttl = ttl;
        this.say = say;
    }

    /** The time to live {@code MLCI_LEASE_SECONDS} sets, else the default. */
    public static Duration ttl(Map<String, String> environment) {
        String value = environment.get(TTL_VARIABLE);
        if (value == null || value.isBlank()) {
            return DEFAULT_TTL;
        }
        try {
            long seconds = Long.parseLong(value.trim());
            if (seconds >= 1 && seconds <= 86_400) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // the message below says what is expected
        }
        throw new io.mlci.core.InvalidInputException(TTL_VARIABLE, null,
                "must be a whole number of seconds from 1 to 86400, not '" + value + "'");
    }

    /**
     * Takes the lease on the run key for the run, waiting while another trainer holds it.
     *
     * @param cancelled polled while waiting: true stops the wait (the build was aborted)
     */
    public RunKeyLease acquire(String runKey, String runId, BooleanSupplier cancelled) {
        Waiter waiter = new Waiter(runKey);
        while (true) {
            int newest = blobs.newestAttempt(runKey);
            Optional<String> expiry = newest == 0 ? Optional.of("") : waiter.expiry(newest);
            if (expiry.isPresent()) {
                LeaseRecord mine = record(runKey, newest + 1, runId);
                if (blobs.create(mine)) {
                    if (newest > 0) {
                        removeOlderThan(runKey, mine.attempt());
                        say.accept("run key " + shortKey(runKey) + ": took over from " + waiter.holderText()
                                + ", whose lease expired (" + expiry.get() + "); training as attempt " + mine.attempt());
                    }
                    return new RunKeyLease(blobs, mine, waiter.waited(), say);
                }
                continue; // another trainer claimed that attempt first: look again
            }
            if (cancelled.getAsBoolean()) {
                throw new MlciException("stopped while waiting for the training of run key " + shortKey(runKey)
                        + " by " + waiter.holderText());
            }
            sleep(poll());
        }
    }

    /**
     * Removes the lease a run held when its mlci was killed (no one released it), so it does not
     * linger until the next training of the run key takes it over. Only the run's own lease, and
     * only when its owner is known to be gone. Returns whether one was removed.
     */
    public boolean releaseAbandoned(String runKey, String runId, ProcessOwner owner) {
        boolean removed = false;
        for (int attempt : blobs.attempts(runKey)) {
            Optional<LeaseRecord> held = blobs.read(runKey, attempt).flatMap(LeaseBlobs::parse);
            if (held.isPresent() && runId.equals(held.get().runId()) && owner.equals(held.get().owner())
                    && owner.isGone()) {
                blobs.remove(runKey, attempt);
                removed = true;
            }
        }
        return removed;
    }

    private LeaseRecord record(String runKey, int attempt, String runId) {
        String now = Instant.now().toString();
        return new LeaseRecord(runKey, attempt, runId, ProcessOwner.current(), now, now, Math.max(1, ttl.toSeconds()));
    }

    /** Expired claims are garbage once taken over; a failed removal only leaves a blob nobody reads. */
    private void removeOlderThan(String runKey, int attempt) {
        for (int older : blobs.attempts(runKey)) {
            if (older < attempt) {
                try {
                    blobs.remove(runKey, older);
                } catch (RuntimeException e) {
                    // another trainer may be removing it too
                }
            }
        }
    }

    private Duration poll() {
        long millis = Math.min(10_000, Math.max(100, ttl.toMillis() / 4));
        return Duration.ofMillis(millis);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MlciException("interrupted while waiting for a run key's lease", e);
        }
    }

    static String shortKey(String runKey) {
        return runKey.substring(0, Math.min(12, runKey.length()));
    }

    /** What one waiting trainer has seen of the lease it waits for. */
    private final class Waiter {
        private final String runKey;
        private int attempt;
        private byte[] seen;
        private long seenSince;
        private LeaseRecord holder;
        private boolean waited;

        Waiter(String runKey) {
            this.runKey = runKey;
        }

        boolean waited() {
            return waited;
        }

        String holderText() {
            return holder != null ? holder.describe() : "an unreadable lease";
        }

        /** Why the newest lease counts as expired, or empty while it is live (saying so once per holder). */
        Optional<String> expiry(int newest) {
            Optional<byte[]> bytes = blobs.read(runKey, newest);
            if (bytes.isEmpty()) {
                return Optional.empty(); // released just now: the next look finds the key free
            }
            long now = System.nanoTime();
            if (newest != attempt || !Arrays.equals(bytes.get(), seen)) {
                boolean newHolder = newest != attempt;
                attempt = newest;
                seen = bytes.get();
                seenSince = now;
                holder = LeaseBlobs.parse(seen).orElse(null);
                if (newHolder && !gone() && !renewedTooLongAgo()) {
                    waited = true;
                    say.accept("run key " + shortKey(runKey) + " is being trained by " + holderText()
                            + "; waiting for it to finish");
                }
            }
            Duration lifetime = holder != null ? Duration.ofSeconds(holder.ttlSeconds()) : ttl;
            if (gone()) {
                return Optional.of("its process " + holder.owner().describe() + " is gone");
            }
            if (renewedTooLongAgo()) {
                return Optional.of("last renewed at " + holder.renewedAt());
            }
            if (Duration.ofNanos(now - seenSince).compareTo(lifetime) > 0) {
                return Optional.of("not renewed for " + lifetime.toSeconds() + " s");
            }
            return Optional.empty();
        }

        private boolean gone() {
            return holder != null && holder.owner() != null && holder.owner().isGone();
        }

        private boolean renewedTooLongAgo() {
            if (holder == null || holder.renewedAt() == null) {
                return false;
            }
            try {
                Instant renewed = Instant.parse(holder.renewedAt());
                return Duration.between(renewed, Instant.now()).compareTo(Duration.ofSeconds(holder.ttlSeconds()).multipliedBy(2)) > 0;
            } catch (DateTimeParseException e) {
                return false;
            }
        }
    }
}
