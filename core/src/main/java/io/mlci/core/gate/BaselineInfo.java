package io.mlci.core.gate;

/**
 * The run a candidate was compared with, and why that one.
 *
 * @param runId  the baseline run, null when there is none
 * @param commit its commit
 * @param branch its branch
 * @param reason e.g. "newest passing run of main", "no passing run of main in .mlci"
 * @param sameTraining true when the candidate's outputs come from the baseline's own training (a
 *                     reused run restoring the baseline's outputs, or the baseline itself): the
 *                     comparison measured nothing, and the verdict's title says so
 */
public record BaselineInfo(String runId, String commit, String branch, String reason, boolean sameTraining) {

    public BaselineInfo(String runId, String commit, String branch, String reason) {
        this(runId, commit, branch, reason, false);
    }

    public static BaselineInfo none(String reason) {
        return new BaselineInfo(null, null, null, reason);
    }

    public BaselineInfo asSameTraining() {
        return new BaselineInfo(runId, commit, branch, reason, true);
    }

    public boolean exists() {
        return runId != null;
    }
}
