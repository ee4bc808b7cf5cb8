package io.mlci.core.pipeline;

import io.mlci.core.run.record.OutputFile;
import io.mlci.core.run.record.StageRun;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the per-stage parts of a pipeline's run record from lock entries. */
final class StageRuns {

    private StageRuns() {
    }

    static StageRun of(Stage stage, String state, String reason, double seconds, String key, LockEntry entry) {
        return new StageRun(stage.address(), state, reason, seconds, key, stage.commandLine(),
                entry == null ? null : hashes(entry.deps()), entry == null ? null : hashes(entry.outs()));
    }

    static Map<String, String> hashes(List<LockEntry.LockedPath> paths) {
        Map<String, String> hashes = new LinkedHashMap<>();
        paths.forEach(path -> hashes.put(path.path(), path.md5()));
        return hashes;
    }

    /** Lock outputs as run-record outputs (repository-relative; no sha256, which the lock does not know). */
    static List<OutputFile> outputs(Stage stage, List<LockEntry.LockedPath> outs) {
        List<OutputFile> files = new ArrayList<>();
        for (LockEntry.LockedPath out : outs) {
            String workspacePath = stage.outs().stream().filter(o -> o.path().equals(out.path())).findFirst()
                    .map(StageOutput::workspacePath).orElse(out.path());
            files.add(new OutputFile(workspacePath, out.md5(), null, out.size(), out.isDirectory() ? out.nfiles() : 1,
                    List.of()));
        }
        return files;
    }
}
