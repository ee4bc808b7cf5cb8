package io.mlci.core.run.record;

/**
 * Where a run's code came from.
 *
 * @param repo         origin URL, else the repository directory's name
 * @param commit       the commit checked out
 * @param dirty        whether the working tree had uncommitted changes (outside the training's own outputs)
 * @param branch       the branch built (for a pull request: its source branch)
 * @param targetBranch for a pull request, the branch it merges into; else null
 * @param changeId     the pull request number, else null
 * @param buildUrl     the CI build that ran it, else null
 */
public record SourceInfo(String repo, String commit, boolean dirty, String branch, String targetBranch,
                         String changeId, String buildUrl) {
}
