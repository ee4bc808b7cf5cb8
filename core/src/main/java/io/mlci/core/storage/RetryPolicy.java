package io.mlci.core.storage;

import io.mlci.core.IntegrityException;
import io.mlci.core.progress.ProgressListener;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Retries transient failures with exponential backoff and full jitter (the AWS recommendation:
 * sleep a random time up to base * 2^attempt, capped). Permanent failures (not found, access
 * denied, a bad request) are rethrown at once.
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {

    public static final RetryPolicy DEFAULT = new RetryPolicy(6, Duration.ofMillis(100), Duration.ofSeconds(5));
    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO);

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    /** An action that may fail transiently. */
    @FunctionalInterface
    public interface Attempt<T> {
        T run() throws IOException;
    }

    public <T> T call(String what, ProgressListener progress, Attempt<T> attempt) {
        for (int n = 1; ; n++) {
            try {
                return attempt.run();
            } catch (IOException | RuntimeException e) {
                if (!isTransient(e) || n >= maxAttempts) {
                    throw asUnchecked(e);
                }
                progress.note("retrying " + what + " (attempt " + (n + 1) + " of " + maxAttempts + "): " + summary(e));
                sleep(n);
            }
        }
    }

    static boolean isTransient(Throwable e) {
        if (e instanceof BlobNotFoundException) {
            return false;
        }
        if (e instanceof StorageException storage) {
            return storage.isTransient();
        }
        // A truncated or garbled body fails verification; fetching again is the remedy.
        return e instanceof IOException || e instanceof UncheckedIOException || e instanceof IntegrityException;
    }

    private static RuntimeException asUnchecked(Exception e) {
        if (e instanceof RuntimeException runtime) {
            return runtime;
        }
        return new StorageException(e.getMessage() == null ? e.toString() : e.getMessage(), true, e);
    }

    private static String summary(Throwable e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }

    private void sleep(int attempt) {
        long cap = Math.min(maxDelay.toMillis(), baseDelay.toMillis() << Math.min(attempt, 20));
        long millis = cap <= 0 ? 0 : ThreadLocalRandom.current().nextLong(cap / 2, cap + 1);
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted while waiting to retry", false, e);
        }
    }
}
