package io.mlci.core.data.workspace;

import io.mlci.core.MlciException;
import io.mlci.core.progress.ProgressListener;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One writer per workspace at a time: two pulls (or a pull and a checkout) into the same
 * directory would each stage and move the same files. The second waits for the first and then
 * finds everything in place. An operating-system lock on {@code .dvc/tmp/mlci/workspace.lock}
 * excludes other processes and is released by the kernel when a holder dies, so a killed pull
 * never leaves the workspace locked; a lock per path inside the JVM excludes parallel steps of
 * one Jenkins agent, which the operating system would not tell apart.
 */
final class WorkspaceLock implements AutoCloseable {

    private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();
    private static final Duration POLL = Duration.ofMillis(200);

    private final ReentrantLock local;
    private final FileChannel channel;
    private final FileLock lock;

    private WorkspaceLock(ReentrantLock local, FileChannel channel, FileLock lock) {
        this.local = local;
        this.channel = channel;
        this.lock = lock;
    }

    /** Waits up to {@code patience} for the workspace, telling the user once that it waits. */
    static WorkspaceLock acquire(Path stateDir, Duration patience, ProgressListener progress) {
        Path file = stateDir.resolve("workspace.lock").toAbsolutePath().normalize();
        long deadline = System.nanoTime() + patience.toNanos();
        ReentrantLock local = IN_PROCESS.computeIfAbsent(file, k -> new ReentrantLock());
        boolean told = false;
        try {
            while (!local.tryLock(POLL.toMillis(), TimeUnit.MILLISECONDS)) {
                told = waiting(file, deadline, patience, progress, told);
            }
            try {
                Files.createDirectories(stateDir);
                FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock;
                while ((lock = channel.tryLock()) == null) {
                    told = waiting(file, deadline, patience, progress, told);
                    Thread.sleep(POLL.toMillis());
                }
                return new WorkspaceLock(local, channel, lock);
            } catch (IOException | RuntimeException | InterruptedException e) {
                local.unlock();
                throw e;
            }
        } catch (IOException e) {
            throw new MlciException("cannot lock the workspace (" + file + "): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MlciException("interrupted while waiting for the workspace lock " + file, e);
        }
    }

    private static boolean waiting(Path file, long deadline, Duration patience, ProgressListener progress, boolean told) {
        if (System.nanoTime() > deadline) {
            throw new MlciException("another mlci command has been using this workspace for more than "
                    + patience.toMinutes() + " minutes (lock " + file + "); wait for it to finish or stop it");
        }
        if (!told) {
            progress.note("waiting for another mlci command to finish with this workspace (" + file + ")");
        }
        return true;
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // closing the channel releases the lock in any case
        } finally {
            local.unlock();
        }
    }
}
