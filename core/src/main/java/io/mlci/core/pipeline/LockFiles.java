package io.mlci.core.pipeline;

import io.mlci.core.data.hash.HashAlgorithm;
import io.mlci.core.data.pointer.DvcLock;
import io.mlci.core.data.pointer.LockStage;
import io.mlci.core.data.pointer.Output;
import io.mlci.core.storage.AtomicFiles;
import io.mlci.core.storage.WorkspacePaths;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code dvc.lock} files of a repository's pipelines, in memory: read once, updated stage by
 * stage, each written back whole and atomically after every stage that changed it (as DVC
 * does, so a failure later in the pipeline keeps what already ran). Entries keep their place;
 * new ones are appended.
 */
final class LockFiles {

    private final Path root;
    private final Map<String, Map<String, LockEntry>> byFile = new LinkedHashMap<>();

    LockFiles(Path root, Pipelines pipelines) {
        this.root = root;
        for (DvcYaml file : pipelines.files()) {
            Map<String, LockEntry> entries = new LinkedHashMap<>();
            Path lock = root.resolve(file.lockFile());
            if (Files.isRegularFile(lock, LinkOption.NOFOLLOW_LINKS)) {
                // the stages' working directories as the pipeline reader resolved them, interpolation included
                for (LockStage stage : DvcLock.read(root, lock, name -> file.stage(name)
                        .map(declared -> root.resolve(declared.wdir()).normalize()).orElse(null)).stages()) {
                    entries.put(stage.name(), entry(stage, file));
                }
            }
            byFile.put(file.lockFile(), entries);
        }
    }

    LockEntry get(Stage stage) {
        return byFile.get(lockOf(stage)).get(stage.name());
    }

    void put(Stage stage, LockEntry entry) {
        byFile.get(lockOf(stage)).put(stage.name(), entry);
        // dvc.lock sits next to its dvc.yaml, maybe in a subdirectory the pull request made a link
        Path lock = new WorkspacePaths(root).checkParents(root.resolve(lockOf(stage)));
        try {
            AtomicFiles.write(lock, LockFileWriter.write(new ArrayList<>(byFile.get(lockOf(stage)).values()))
                    .getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + lock, e);
        }
    }

    private static String lockOf(Stage stage) {
        return RepoPath.join(stage.dvcDir(), DvcYaml.LOCK_NAME);
    }

    /** A lock stage as read; a command the pipeline now writes as a list keeps the list form. */
    private static LockEntry entry(LockStage stage, DvcYaml file) {
        List<String> cmd = List.of(stage.cmd() == null ? "" : stage.cmd());
        boolean list = false;
        Stage declared = file.stage(stage.name()).orElse(null);
        if (declared != null && declared.cmdIsList() && String.join("\n", declared.cmd()).equals(stage.cmd())) {
            cmd = declared.cmd();
            list = true;
        }
        Map<String, Map<String, com.fasterxml.jackson.databind.JsonNode>> params = new LinkedHashMap<>();
        stage.params().keySet().stream().sorted((a, b) -> a.equals(Vars.DEFAULT_FILE) ? -1
                : b.equals(Vars.DEFAULT_FILE) ? 1 : a.compareTo(b)).forEach(name ->
                params.put(name, new java.util.TreeMap<>(stage.params().get(name))));
        return new LockEntry(stage.name(), cmd, list, paths(stage.deps()), params, paths(stage.outs()));
    }

    private static List<LockEntry.LockedPath> paths(List<Output> outputs) {
        List<LockEntry.LockedPath> paths = new ArrayList<>();
        for (Output output : outputs) {
            paths.add(new LockEntry.LockedPath(output.path(), output.objectId() == null ? "" : output.objectId().value(),
                    output.size(), output.isDirectory() ? output.nfiles() : -1, output.isexec(),
                    output.algorithm() != HashAlgorithm.MD5));
        }
        return paths;
    }
}
