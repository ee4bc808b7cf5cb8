package io.mlci.core.run;

import io.mlci.core.run.exec.OutputSink;
import io.mlci.core.run.store.RunStores;
import io.mlci.core.storage.FileTrees;
import io.mlci.core.storage.WorkspacePaths;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A training's scratch directory inside the repository ({@code .mlci/tmp/RUN}), so a container
 * that mounts the repository sees it too: the params file handed to the command and the log
 * being written. Removed once the run is recorded.
 */
final class RunWorkdir {

    private final Path dir;
    private BufferedWriter writer;

    private RunWorkdir(Path dir) {
        this.dir = dir;
    }

    static RunWorkdir create(Path root, String runId) {
        Path base = root.resolve(RunStores.DEFAULT_DIR);
        WorkspacePaths workspace = new WorkspacePaths(root);
        workspace.createDirectories(base);
        RunStores.prepareLocalDir(base);
        return new RunWorkdir(workspace.createDirectories(base.resolve("tmp").resolve(runId)));
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

    /** Scratch space inside .mlci/tmp: the next run does not depend on it being gone. */
    void delete() {
        FileTrees.deleteQuietly(dir);
    }
}
