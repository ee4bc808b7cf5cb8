package io.mlci.core.ci;

import io.mlci.core.data.lineage.CommitInfo;
import io.mlci.core.data.pointer.Output;
import io.mlci.core.data.pointer.TrackedOutput;
import io.mlci.core.data.workspace.OutputStatus;

/**
 * One data version a build used: which pointer named it, its DVC hash, whether the workspace holds
 * it, and the commit that last changed the pointer.
 *
 * @param stage  the dvc.lock stage, null for a .dvc file
 * @param commit null when the pointer is not committed
 * @param date   the commit's author date, ISO-8601
 */
public record DataVersion(String pointer, String stage, String path, String hash, Long size, Long nfiles, String status,
                          String commit, String author, String date) {

    static DataVersion of(OutputStatus status) {
        TrackedOutput tracked = status.tracked();
        Output output = tracked.output();
        CommitInfo commit = status.commit();
        return new DataVersion(tracked.pointer(), tracked.stage(), output.workspacePath(),
                output.objectId() == null ? null : output.objectId().value(), output.size() < 0 ? null : output.size(),
                output.nfiles() < 0 ? null : output.nfiles(), status.workspace().label(tracked.role()),
                commit == null ? null : commit.id(), commit == null ? null : commit.author(),
                commit == null ? null : commit.authorTime().toString());
    }
}
