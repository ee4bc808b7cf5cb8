package io.mlci.core.data.workspace;

import io.mlci.core.MlciException;
import io.mlci.core.data.Parallel;
import io.mlci.core.data.cache.ObjectCache;
import io.mlci.core.data.hash.DirEntry;
import io.mlci.core.data.hash.ObjectId;
import io.mlci.core.data.lineage.PointerHistory;
import io.mlci.core.data.pointer.Output;
import io.mlci.core.data.pointer.TrackedOutput;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Re-reads every byte named by the pointers: each cache object must hash to its name, and each
 * workspace path must hold what its pointer says. Problems are collected, not thrown, so one run
 * reports all of them.
 */
final class Verification {

    private final Path root;
    private final ObjectCache cache;
    private final WorkspaceHasher hasher;
    private final PointerHistory history;

    Verification(Path root, ObjectCache cache, WorkspaceHasher hasher, PointerHistory history) {
        this.root = root;
        this.cache = cache;
        this.hasher = hasher;
        this.history = history;
    }

    List<VerifyProblem> run(List<TrackedOutput> tracked) {
        List<VerifyProblem> problems = Collections.synchronizedList(new ArrayList<>());
        StatusCheck workspace = new StatusCheck(root, cache, hasher, history);
        for (TrackedOutput t : tracked) {
            Output output = t.output();
            if (output.objectId() == null || t.role() != TrackedOutput.Role.OUT) {
                continue;
            }
            if (output.cache()) {
                verifyCache(t, problems);
            }
            OutputStatus status = workspace.check(List.of(t)).get(0);
            if (status.workspace() != OutputStatus.WorkspaceState.PRESENT) {
                problems.add(new VerifyProblem(t.source(), output.workspacePath(),
                        "workspace is " + status.workspace().label(t.role()) + " (expected " + output.objectId() + ")"));
            }
        }
        return problems;
    }

    private void verifyCache(TrackedOutput t, List<VerifyProblem> problems) {
        Output output = t.output();
        ObjectId id = output.objectId();
        if (!cache.containsVerified(id)) {
            problems.add(new VerifyProblem(t.source(), output.workspacePath(), "cache object " + id + " is missing or corrupted"));
            return;
        }
        if (!id.isDir()) {
            return;
        }
        List<DirEntry> entries = cache.readListing(id).entries();
        try {
            Parallel.forEach("verifying " + output.workspacePath(), entries, Runtime.getRuntime().availableProcessors(), entry -> {
                if (!cache.containsVerified(new ObjectId(entry.md5(), id.algorithm()))) {
                    problems.add(new VerifyProblem(t.source(), output.workspacePath() + "/" + entry.relpath(),
                            "cache object " + entry.md5() + " is missing or corrupted"));
                }
            });
        } catch (MlciException e) {
            problems.add(new VerifyProblem(t.source(), output.workspacePath(), e.getMessage()));
        }
    }
}
