package io.mlci.core.run.store;

import io.mlci.core.run.record.RunStatus;

/**
 * Which runs to list; null fields do not filter. Results come newest first.
 *
 * @param branch only runs of this branch
 * @param commit only runs of this commit (full id or a unique prefix of at least 7 digits)
 * @param status only runs that ended this way
 * @param limit  at most this many; 0 = no limit
 */
public record RunQuery(String branch, String commit, RunStatus status, int limit) {

    public static RunQuery all() {
        return new RunQuery(null, null, null, 0);
    }

    public RunQuery withLimit(int n) {
        return new RunQuery(branch, commit, status, n);
    }
}
