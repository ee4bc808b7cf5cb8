package io.mlci.core.run;

import io.mlci.core.MlciException;
import io.mlci.core.run.exec.OutputSink;
import io.mlci.core.run.store.RunStores;
import io.mlci.core.storage.AtomicFiles;
import io.mlci.core.storage.FileTrees;
import io.mlci.core.storage.WorkspacePaths;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A training's scratch directory inside the repository ({@code .mlci/tmp/RUN}), so a container
 * that mounts the repository sees it too: the params file handed to the command and the log
 * being written. Removed once the run is recorded.
 *
 * <p>It is born with its {@link WorkdirOwner owner file} (made in a staging directory and renamed
 * into place), and mlci touches that file every {@link #HEARTBEAT} while the training runs: when
 * mlci is killed, the next run tells the leftovers from a live training's by the owner, and
 * records the killed run (see {@link OrphanedRuns}).
 */
final class RunWorkdir implements AutoCloseable {

    static final Duration HEARTBEAT = Duration.ofSeconds(10);

    private final Path dir;
    private final ScheduledExecutorService heartbeat;
    private BufferedWriter writer;

    private RunWorkdir(Path dir) {
        this.dir = dir;
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "mlci-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        heartbeat.scheduleWithFixedDelay(this::beat, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Where every training's scratch directory is: {@code .mlci/tmp} in the repository. */
    static Path scratchRoot(Path root) {
        return root.resolve(RunStores.DEFAULT_DIR).resolve("tmp");
    }

    static RunWorkdir create(Path root, WorkdirOwner owner) {
        Path base = root.resolve(RunStores.DEFAULT_DIR);
        WorkspacePaths workspace = new WorkspacePaths(root);
        workspace.createDirectories(base);
        RunStores.prepareLocalDir(base);
        Path scratch = workspace.createDirectories(scratchRoot(root));
        Path dir = scratch.resolve(owner.run().id());
        Path staging = AtomicFiles.tempBeside(dir);
        try {
            Files.createDirectory(staging);
            owner.writeInto(staging);
            AtomicFiles.moveAtomically(staging, dir, false);
        } catch (IOException e) {
            FileTrees.deleteQuietly(staging);
            throw new MlciException("cannot create the training's scratch directory " + dir + ": " + e.getMessage(), e);
        }
        return new RunWorkdir(dir);
    }

    /** Says "still training" to a later run looking for killed runs' leftovers. */
    private void beat() {
        try {
            Files.getFileAttributeView(dir.resolve(WorkdirOwner.FILE_NAME), BasicFileAttributeView.class,
                    LinkOption.NOFOLLOW_LINKS).setTimes(FileTime.from(Instant.now()), null, null);
        } catch (IOException | RuntimeException e) {
            // the next beat tries again; a live owner on this machine is recognised by its pid anyway
        }
    }

    Path paramsFile() {
        return dir.resolve("params.json");
    }

    Path log() {
        return dir.resolve("train.log");
    }

    /** A sink that appends each line to the log (flushed, so a killed mlci leaves it readable) and passes it on. */
    synchronized OutputSink tee(OutputSink next) {
        if (writer == null) {
            try {
                writer = Files.newBufferedWriter(log(), StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                        java.nio.file.StandardOpenOption.APPEND, java.nio.file.LinkOption.NOFOLLOW_LINKS);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + log(), e);
            }
        }
        BufferedWriter out = writer;
        return line -> {
            synchronized (out) {
                try {
                    out.write(line);
                    out.write('\n');
                    out.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write " + log(), e);
                }
            }
            next.line(line);
        };
    }

    /** Closes the log; call before storing it. Returns the log, or null if nothing was written. */
    synchronized Path closeLog() {
        if (writer == null) {
            return null;
        }
        try {
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + log(), e);
        }
        writer = null;
        return log();
    }

    /** Stops the heartbeat; the directory stays for a later run to find (the run was not recorded). */
    @Override
    public void close() {
        heartbeat.shutdownNow();
    }

    /** Once the run is recorded. Scratch space inside .mlci/tmp: the next run does not depend on it being gone. */
    void delete() {
        close();
        FileTrees.deleteQuietly(dir);
    }
}
