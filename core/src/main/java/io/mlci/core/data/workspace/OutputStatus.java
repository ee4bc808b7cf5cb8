package io.mlci.core.data.workspace;

import io.mlci.core.data.lineage.CommitInfo;
import io.mlci.core.data.pointer.TrackedOutput;

/**
 * The state of one tracked path.
 *
 * @param workspace whether the workspace holds the content the pointer names
 * @param cache     whether the local cache can restore it; null when not checked (the
 *                  workspace already matches)
 * @param commit    the commit that last changed the pointer, null outside git or if uncommitted
 * @param changes   for a changed directory whose committed listing is in the cache, which files
 *                  differ; else null
 */
public record OutputStatus(TrackedOutput tracked, WorkspaceState workspace, CacheState cache, CommitInfo commit,
                           DirChanges changes) {

    public OutputStatus(TrackedOutput tracked, WorkspaceState workspace, CacheState cache, CommitInfo commit) {
        this(tracked, workspace, cache, commit, null);
    }

    public enum WorkspaceState {
        /** The workspace content matches the pointer (for lock dependencies: unchanged). */
        PRESENT,
        /** The path exists with other content. */
        CHANGED,
        /** The path does not exist. */
        MISSING,
        /** The pointer names no hash (e.g. an external output, or never committed). */
        NOT_COMMITTED;

        /** The word users read: lock dependencies are "unchanged", outputs "present". */
        public String label(TrackedOutput.Role role) {
            if (role == TrackedOutput.Role.DEP) {
                return switch (this) {
                    case PRESENT -> "unchanged";
                    case CHANGED -> "changed";
                    case MISSING -> "missing";
                    case NOT_COMMITTED -> "not committed";
                };
            }
            return name().toLowerCase().replace('_', ' ');
        }
    }

    public enum CacheState { CACHED, PARTIAL, MISSING, NOT_CACHED }

    public boolean isClean() {
        return workspace == WorkspaceState.PRESENT || workspace == WorkspaceState.NOT_COMMITTED;
    }
}
