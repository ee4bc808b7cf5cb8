package io.mlci.core.data.hash;

import io.mlci.core.data.Parallel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * Hashes a batch of files on a pool of threads. With the vector kernel, files up to
 * {@link #LANE_MAX} go to multi-buffer workers that share one queue, 8 or 16 files per thread at
 * a time; larger files, the DOS-to-Unix variant, small batches and the scalar kernel are hashed
 * one file per task with {@link FileHasher}, in parallel with the lanes. A file that cannot be
 * read fails alone: the others are still hashed, and the failures are reported together.
 */
public final class FileBatchHasher {

    /**
     * Larger files are hashed as single streams. A file in a lane advances at a sixteenth of
     * the kernel's speed (about 70 MB/s here), so the largest lane file sets how long the last
     * lanes run alone after the queue is empty: 4 MiB keeps that tail near 60 ms, while a
     * single-stream file uses a whole thread at MessageDigest's 500-600 MB/s.
     */
    static final long LANE_MAX = 4L << 20;
    /** Workers between batches keep their lane buffers (2 MiB each with 16 lanes). */
    private static final Queue<MultiBufferMd5> IDLE = new ConcurrentLinkedQueue<>();
    private static final int KEPT = 8;

    private final int threads;
    /** Asked only for batches big enough for lanes: choosing loads the vector classes. */
    private final Supplier<HashKernel> kernels;
    private final ThreadLocal<FileHasher> hashers = ThreadLocal.withInitial(FileHasher::new);

    public FileBatchHasher(int threads, Supplier<HashKernel> kernels) {
        this.threads = threads;
        this.kernels = kernels;
    }

    /** One unit of work on the pool: a single file, or a lane worker draining the queue. */
    private interface Job {
        void run() throws IOException;
    }

    /**
     * Hashes every file, calling {@code done} (from pool threads) as each one completes.
     * {@code biggestFirst} sorted by size, largest first, so big files start early.
     */
    public <T> void hashAll(String what, List<T> biggestFirst, Function<T, Path> pathOf, ToLongFunction<T> sizeOf,
                            HashAlgorithm algorithm, BiConsumer<T, String> done) {
        List<T> laneFiles = new ArrayList<>();
        List<T> single = new ArrayList<>();
        long laneBytes = 0;
        for (T item : biggestFirst) {
            long size = sizeOf.applyAsLong(item);
            if (algorithm == HashAlgorithm.MD5 && size <= LANE_MAX) {
                laneFiles.add(item);
                laneBytes += size;
            } else {
                single.add(item);
            }
        }
        HashKernel kernel = laneFiles.size() >= HashKernel.MIN_LANE_FILLS * HashKernel.MIN_LANES || forcedSimd()
                ? kernels.get() : null;
        if (kernel == null || !kernel.usesLanes(laneFiles.size(), laneBytes)) {
            single.addAll(laneFiles); // still biggest first: every lane file is smaller than every single one
            laneFiles.clear();
        }
        boolean warmFirst = !laneFiles.isEmpty() && !kernel.forced() && !KernelWarmup.compiled();
        if (warmFirst) {
            KernelWarmup.begin();
        }
        try {
            hashAll(what, biggestFirst.size(), kernel, new Cursor<>(laneFiles), new Cursor<>(single), pathOf, algorithm,
                    warmFirst, done);
        } finally {
            if (warmFirst) {
                KernelWarmup.end();
            }
        }
    }

    private <T> void hashAll(String what, int count, HashKernel kernel, Cursor<T> laneFiles, Cursor<T> singleFiles,
                             Function<T, Path> pathOf, HashAlgorithm algorithm, boolean warmFirst,
                             BiConsumer<T, String> done) {
        // unreadable files are collected here from every job, to be reported together
        List<Throwable> failures = new ArrayList<>();
        List<Job> jobs = new ArrayList<>();
        // Single files are taken from one list by a few long-lived jobs rather than one task per
        // file: a task per 4 KiB file costs about as much as hashing it. Biggest first stays the order.
        for (int i = 0; i < Math.min(threads, singleFiles.size()); i++) {
            jobs.add(() -> drainSingle(singleFiles, pathOf, algorithm, done, failures));
        }
        int workers = laneFiles.isEmpty() ? 0
                : Math.max(1, Math.min(threads, laneFiles.size() / (HashKernel.MIN_LANE_FILLS * kernel.lanes())));
        for (int i = 0; i < workers; i++) {
            jobs.add(() -> {
                if (warmFirst && !untilCompiled(laneFiles, pathOf, done, failures)) {
                    drainSingle(laneFiles, pathOf, HashAlgorithm.MD5, done, failures);
                    return;
                }
                drain(kernel, laneFiles, pathOf, done, failures);
            });
        }
        Parallel.forEach(what, jobs, threads, Job::run);
        Parallel.failIfAny(what, count, failures);
    }

    /**
     * Hashes files one at a time with MessageDigest while the kernel is being compiled. True when
     * the rest may go to the lanes; false when the kernel did not get fast enough to pay.
     */
    private <T> boolean untilCompiled(Cursor<T> files, Function<T, Path> pathOf, BiConsumer<T, String> done,
                                      List<Throwable> failures) {
        FileHasher hasher = hashers.get();
        while (!KernelWarmup.settled()) {
            T item = files.poll();
            if (item == null) {
                return true; // nothing left for anyone
            }
            hashOne(hasher, item, pathOf.apply(item), HashAlgorithm.MD5, done, failures);
        }
        return KernelWarmup.compiled();
    }

    private <T> void drainSingle(Cursor<T> files, Function<T, Path> pathOf, HashAlgorithm algorithm,
                                 BiConsumer<T, String> done, List<Throwable> failures) {
        FileHasher hasher = hashers.get();
        for (T item = files.poll(); item != null; item = files.poll()) {
            hashOne(hasher, item, pathOf.apply(item), algorithm, done, failures);
        }
    }

    private static <T> void hashOne(FileHasher hasher, T item, Path file, HashAlgorithm algorithm,
                                    BiConsumer<T, String> done, List<Throwable> failures) {
        String md5;
        try {
            md5 = hasher.hash(file, algorithm);
        } catch (IOException e) {
            fail(failures, file, e);
            return;
        }
        done.accept(item, md5);
    }

    private static void fail(List<Throwable> failures, Path file, IOException error) {
        synchronized (failures) {
            failures.add(new UncheckedIOException("cannot read " + file, error));
        }
    }

    /**
     * Hands out a list's items in order to any number of threads: one shared index, where a
     * concurrent queue of 100,000 files cost 100,000 nodes and as many compare-and-sets to build.
     */
    private static final class Cursor<T> {
        private final List<T> items;
        private final AtomicInteger next = new AtomicInteger();

        Cursor(List<T> items) {
            this.items = items;
        }

        int size() {
            return items.size();
        }

        boolean isEmpty() {
            return items.isEmpty();
        }

        /** The next item, or null when every item has been handed out. */
        T poll() {
            if (next.get() >= items.size()) {
                return null;
            }
            int index = next.getAndIncrement();
            return index < items.size() ? items.get(index) : null;
        }
    }

    private static boolean forcedSimd() {
        return "simd".equalsIgnoreCase(System.getenv().getOrDefault(HashKernel.ENV, "").trim());
    }

    private <T> void drain(HashKernel kernel, Cursor<T> files, Function<T, Path> pathOf, BiConsumer<T, String> done, List<Throwable> failures) {
        MultiBufferMd5 lanes = IDLE.poll();
        if (lanes == null) {
            lanes = kernel.newMultiBuffer();
        }
        lanes.hashAll(new MultiBufferMd5.Feed<T>() {
            @Override
            public T next() {
                return files.poll();
            }

            @Override
            public Path path(T item) {
                return pathOf.apply(item);
            }

            @Override
            public void hashed(T item, String md5) {
                done.accept(item, md5);
            }

            @Override
            public void failed(T item, IOException error) {
                fail(failures, pathOf.apply(item), error);
            }
        });
        if (IDLE.size() < KEPT) {
            IDLE.add(lanes);
        }
    }
}
