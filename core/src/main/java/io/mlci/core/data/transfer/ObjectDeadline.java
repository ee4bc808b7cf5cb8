package io.mlci.core.data.transfer;

import io.mlci.core.storage.StorageException;
import io.mlci.core.storage.Timeouts;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The overall deadline for moving one object. Read timeouts catch a silent server; this catches
 * one that keeps sending a byte now and then and would otherwise hold a transfer for ever. On
 * expiry the object's stream is closed, which makes the blocked read fail.
 */
final class ObjectDeadline {

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "mlci-transfer-deadline");
        thread.setDaemon(true);
        return thread;
    });

    private final Duration limit;

    ObjectDeadline(Duration limit) {
        this.limit = limit;
    }

    /** A watch over one transfer; close it when the transfer ends. */
    Watch watch(Closeable stream) {
        return new Watch(stream);
    }

    final class Watch implements AutoCloseable {
        private final AtomicBoolean expired = new AtomicBoolean();
        private final ScheduledFuture<?> alarm;

        private Watch(Closeable stream) {
            alarm = WATCHDOG.schedule(() -> {
                expired.set(true);
                try {
                    stream.close();
                } catch (IOException | RuntimeException ignored) {
                    // the reader fails either way, and that failure is what gets reported
                }
            }, limit.toMillis(), TimeUnit.MILLISECONDS);
        }

        /** The failure to report instead of {@code cause} when the deadline, not the server, ended the read. */
        RuntimeException failure(String remote, Object object, Exception cause) {
            if (!expired.get()) {
                return cause instanceof RuntimeException runtime ? runtime : new StorageException(
                        remote + ": cannot read " + object + ": " + cause.getMessage(), true, cause);
            }
            return new StorageException(remote + ": object " + object + " did not arrive within the per-object deadline of "
                    + Timeouts.describe(limit) + " (raise it with --object-timeout SECONDS)", false, cause);
        }

        @Override
        public void close() {
            alarm.cancel(false);
        }
    }
}
