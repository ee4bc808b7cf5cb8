package io.mlci.core.data.hash;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Feeds a digest with a file's first {@code size} bytes in order, while I/O threads read the
 * chunks after the current one with positional reads (safe to issue concurrently on one channel).
 */
final class ReadAhead {

    /** Threads that only wait for the disk; daemon so they never keep the JVM alive. */
    private static final ExecutorService READERS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "mlci-read-ahead");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * Chunk buffers, reused: allocating a fresh 4 MiB buffer per chunk made the kernel zero new
     * pages for every one (a second of system time per GiB). Direct, so a read lands in them
     * without a copy through a temporary buffer.
     */
    private static final ConcurrentLinkedQueue<ByteBuffer> FREE = new ConcurrentLinkedQueue<>();
    /** Buffers kept for reuse: enough for a few large files at once; more are left to the GC. */
    private static final int KEPT = 24;

    private ReadAhead() {
    }

    static void digest(FileChannel channel, long size, int chunk, int inFlight, MessageDigest digest) throws IOException {
        ArrayDeque<Future<ByteBuffer>> pending = new ArrayDeque<>();
        long next = 0;
        try {
            while (next < size && pending.size() < inFlight) {
                pending.add(read(channel, next, (int) Math.min(chunk, size - next)));
                next += chunk;
            }
            while (!pending.isEmpty()) {
                ByteBuffer bytes = await(pending.poll());
                if (next < size) {
                    pending.add(read(channel, next, (int) Math.min(chunk, size - next)));
                    next += chunk;
                }
                digest.update(bytes);
                if (FREE.size() < KEPT) {
                    FREE.add(bytes);
                }
            }
        } finally {
            pending.forEach(future -> future.cancel(false));
        }
    }

    /** A chunk as it is on disk now; shorter when the file shrank meanwhile. */
    private static Future<ByteBuffer> read(FileChannel channel, long position, int length) {
        return READERS.submit(() -> {
            ByteBuffer bytes = buffer(length);
            long at = position;
            while (bytes.hasRemaining()) {
                int read = channel.read(bytes, at);
                if (read < 0) {
                    break;
                }
                at += read;
            }
            return bytes.flip();
        });
    }

    private static ByteBuffer buffer(int length) {
        ByteBuffer free = FREE.poll();
        if (free == null || free.capacity() < length) {
            free = ByteBuffer.allocateDirect(Math.max(length, free == null ? 0 : free.capacity()));
        }
        return free.clear().limit(length);
    }

    private static ByteBuffer await(Future<ByteBuffer> chunk) throws IOException {
        try {
            return chunk.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading ahead");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof UncheckedIOException unchecked) {
                throw unchecked.getCause();
            }
            throw new IllegalStateException("read-ahead failed", cause);
        }
    }
}
