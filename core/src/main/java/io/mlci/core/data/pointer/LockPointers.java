package io.mlci.core.data.pointer;

import io.mlci.core.pipeline.DvcYaml;
import io.mlci.core.pipeline.DvcYamlReader;
import io.mlci.core.pipeline.Stage;
import io.mlci.core.pipeline.StageOutput;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The pointers of one {@code dvc.lock}, read as DVC reads them: together with the {@code dvc.yaml}
 * beside it. The lock holds the hashes; the pipeline file says where each stage works (its
 * {@code wdir}, to which the lock's paths are relative) and how each output is kept
 * ({@code cache: false}: never cached, pushed or pulled, as it lives in git or is made again;
 * {@code push: false}; a per-output {@code remote}). A lock without its pipeline file, and a
 * stage the pipeline file no longer declares, keep paths relative to the lock and DVC's defaults.
 */
final class LockPointers {

    private LockPointers() {
    }

    static List<TrackedOutput> read(Path root, Path lockFile) {
        String relative = RepoPaths.posix(root, lockFile);
        DvcYaml pipeline = pipelineBeside(root, lockFile);
        DvcLock lock = DvcLock.read(root, lockFile, name -> workingDirectory(root, lockFile, declared(pipeline, name)));
        List<TrackedOutput> outputs = new ArrayList<>();
        for (LockStage stage : lock.stages()) {
            Stage declared = declared(pipeline, stage.name());
            for (Output dep : stage.deps()) {
                outputs.add(new TrackedOutput(relative, stage.name(), TrackedOutput.Role.DEP, dep));
            }
            for (Output out : stage.outs()) {
                outputs.add(new TrackedOutput(relative, stage.name(), TrackedOutput.Role.OUT, withFlags(out, declared)));
            }
        }
        return outputs;
    }

    /** The pipeline file that owns the lock, or null when there is none (a lock on its own is still read). */
    private static DvcYaml pipelineBeside(Path root, Path lockFile) {
        Path yaml = lockFile.resolveSibling(DvcYaml.FILE_NAME);
        if (!Files.isRegularFile(yaml, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        return new DvcYamlReader(root).read(RepoPaths.posix(root, yaml));
    }

    private static Stage declared(DvcYaml pipeline, String stageName) {
        return pipeline == null ? null : pipeline.stage(stageName).orElse(null);
    }

    private static Path workingDirectory(Path root, Path lockFile, Stage declared) {
        if (declared == null || declared.wdir().isEmpty()) {
            return declared == null ? lockFile.getParent() : root;
        }
        return root.resolve(declared.wdir()).normalize();
    }

    /** The flags the pipeline file declares for the output; DVC's defaults when it declares none. */
    private static Output withFlags(Output out, Stage declared) {
        if (declared == null) {
            return out;
        }
        for (StageOutput flags : declared.outs()) {
            if (flags.workspacePath().equals(out.workspacePath())) {
                return new Output(out.path(), out.workspacePath(), out.objectId(), out.size(), out.nfiles(), out.isexec(),
                        flags.cache(), flags.push(), flags.remote() != null ? flags.remote() : out.remote());
            }
        }
        return out;
    }
}
