package io.mlci.core.data;

import io.mlci.core.MlciException;
import io.mlci.core.storage.BlobNotFoundException;
import io.mlci.core.storage.StorageException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs many independent small tasks (hash a file, fetch an object) on a bounded pool. A failure
 * of one item (an object missing on the remote, a damaged download) does not stop the others:
 * every item gets its chance, then the failures are reported together, because "37 of 10,000
 * objects failed" is what the user needs to know. A failure of the whole store (wrong
 * credentials, no such bucket) stops the work at once and is reported alone: it would only
 * repeat for every item.
 */
public final class Parallel {

    private static final int MAX_REPORTED = 5;

    private Parallel() {
    }

    /** A unit of work on one item. */
    @FunctionalInterface
    public interface Task<T> {
        void run(T item) throws Exception;
    }

    public static <T> void forEach(String what, Collection<T> items, int threads, Task<T> task) {
        if (items.isEmpty()) {
            return;
        }
        int poolSize = Math.max(1, Math.min(threads, items.size()));
        List<Throwable> failures = new ArrayList<>();
        AtomicReference<Throwable> fatal = new AtomicReference<>();
        if (poolSize == 1) {
            for (T item : items) {
                try {
                    task.run(item);
                } catch (Exception e) {
                    if (isFatal(e)) {
                        throw asRuntime(e);
                    }
                    failures.add(e);
                }
            }
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(poolSize, daemonThreads(what));
            try {
                List<Future<?>> futures = new ArrayList<>(items.size());
                for (T item : items) {
                    futures.add(pool.submit(() -> {
                        if (fatal.get() != null) {
                            return null;
                        }
                        try {
                            task.run(item);
                        } catch (Exception e) {
                            if (isFatal(e)) {
                                fatal.compareAndSet(null, e);
                            }
                            throw e;
                        }
                        return null;
                    }));
                }
                for (Future<?> future : futures) {
                    try {
                        future.get();
                    } catch (java.util.concurrent.ExecutionException e) {
                        failures.add(e.getCause());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new MlciException(what + ": interrupted", e);
                    }
                }
            } finally {
                pool.shutdownNow();
            }
        }
        if (fatal.get() != null) {
            throw asRuntime(fatal.get());
        }
        failIfAny(what, items.size(), failures);
    }

    /**
     * Throws what {@link #forEach} throws for the failures of single items, for work that
     * collects them itself (one task serving many items).
     */
    public static void failIfAny(String what, int total, List<Throwable> failures) {
        if (!failures.isEmpty()) {
            throw summarise(what, total, failures);
        }
    }

    private static boolean isFatal(Throwable e) {
        return e instanceof StorageException && !(e instanceof BlobNotFoundException);
    }

    private static RuntimeException asRuntime(Throwable e) {
        return e instanceof RuntimeException runtime ? runtime : new MlciException(String.valueOf(e.getMessage()), e);
    }

    private static RuntimeException summarise(String what, int total, List<Throwable> failures) {
        Throwable first = failures.get(0);
        if (failures.size() == 1 && first instanceof RuntimeException runtime) {
            return runtime;
        }
        StringBuilder message = new StringBuilder(what).append(": ").append(failures.size()).append(" of ")
                .append(total).append(" failed");
        for (int i = 0; i < Math.min(MAX_REPORTED, failures.size()); i++) {
            message.append("\n  - ").append(failures.get(i).getMessage());
        }
        if (failures.size() > MAX_REPORTED) {
            message.append("\n  - ... and ").append(failures.size() - MAX_REPORTED).append(" more");
        }
        return new MlciException(message.toString(), first);
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "mlci-" + name.replace(' ', '-') + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
