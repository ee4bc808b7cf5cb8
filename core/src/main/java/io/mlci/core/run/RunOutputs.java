package io.mlci.core.run;

import io.mlci.core.InvalidInputException;
import io.mlci.core.data.hash.DirEntry;
import io.mlci.core.data.hash.HashAlgorithm;
import io.mlci.core.data.hash.ObjectId;
import io.mlci.core.data.pointer.Output;
import io.mlci.core.data.pointer.RepoPaths;
import io.mlci.core.data.workspace.DataWorkspace;
import io.mlci.core.data.workspace.PullResult;
import io.mlci.core.config.MlciYaml;
import io.mlci.core.run.outputs.OutputPublisher;
import io.mlci.core.run.record.OutputFile;
import io.mlci.core.run.record.RunRecord;
import io.mlci.core.run.store.RunStore;
import io.mlci.core.storage.AtomicFiles;
import io.mlci.core.storage.BlobStore;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Fetches a recorded run's outputs: into the workspace (where the training wrote them) or into
 * another directory. Every byte comes through the verifying cache, so what arrives is what the
 * run recorded.
 */
public final class RunOutputs {

    private final DataWorkspace data;
    private final RunStore store;

    public RunOutputs(DataWorkspace data, RunStore store) {
        this.data = data;
        this.store = store;
    }

    /** The outputs to fetch: all, or those whose path is one of {@code paths}. */
    public static List<OutputFile> select(RunRecord run, List<String> paths) {
        if (!run.status().hasOutputs()) {
            throw new InvalidInputException(run.id(), "outputs", "the run " + run.status().label() + " and published no outputs");
        }
        if (paths == null || paths.isEmpty()) {
            return run.outputs();
        }
        List<OutputFile> selected = new ArrayList<>();
        for (String path : paths) {
            String normal = path.replace('\\', '/').replaceAll("/+$", "");
            selected.add(run.outputs().stream().filter(o -> o.path().equals(normal)).findFirst()
                    .orElseThrow(() -> new InvalidInputException(path, null, "is not an output of run " + run.id()
                            + "; its outputs: " + String.join(", ", run.outputs().stream().map(OutputFile::path).toList()))));
        }
        return selected;
    }

    /** Places the outputs at their paths in the workspace. */
    public PullResult restore(List<OutputFile> outputs) {
        try (BlobStore artifacts = artifacts()) {
            return data.restore(OutputPublisher.asPointers(outputs), artifacts);
        }
    }

    /** Writes the outputs under {@code destination}, keeping their relative paths; returns the files written. */
    public List<Path> export(List<OutputFile> outputs, Path destination) {
        try {
            Files.createDirectories(destination);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + destination, e);
        }
        List<Output> pointers = OutputPublisher.asPointers(outputs);
        try (BlobStore artifacts = artifacts()) {
            var transfer = data.transfer(artifacts);
            transfer.fetch(pointers.stream().filter(Output::isDirectory).map(Output::objectId).toList(), "fetching listings");
            List<ObjectId> files = new ArrayList<>();
            for (Output pointer : pointers) {
                if (pointer.isDirectory()) {
                    data.cache().readListing(pointer.objectId()).entries().forEach(e -> files.add(md5(e.md5())));
                } else {
                    files.add(pointer.objectId());
                }
            }
            transfer.fetch(files, "fetching outputs");
        }
        List<Path> written = new ArrayList<>();
        for (Output pointer : pointers) {
            if (pointer.isDirectory()) {
                for (DirEntry entry : data.cache().readListing(pointer.objectId()).entries()) {
                    written.add(write(destination, pointer.workspacePath() + "/" + entry.relpath(), md5(entry.md5())));
                }
            } else {
                written.add(write(destination, pointer.workspacePath(), pointer.objectId()));
            }
        }
        return written;
    }

    private Path write(Path destination, String relative, ObjectId id) {
        Path target = RepoPaths.resolveInside(destination, destination, relative, destination, "output path");
        try (InputStream in = Files.newInputStream(data.cache().requireVerified(id))) {
            Files.createDirectories(target.getParent());
            AtomicFiles.write(target, in);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    private BlobStore artifacts() {
        return Trainer.artifactStore(data, MlciYaml.load(data.root()), store);
    }

    private static ObjectId md5(String value) {
        return new ObjectId(value, HashAlgorithm.MD5);
    }
}
