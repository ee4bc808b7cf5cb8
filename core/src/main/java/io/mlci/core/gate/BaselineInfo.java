package io.mlci.core.gate;

/**
 * The run a candidate was compared with, and why that one.
 *
 * @param runId  the baseline run, null when there is none
 * @param commit its commit
 * @param branch its branch
 * @param reason e.g. "newest passing run of main", "no passing run of main in .mlci"
 */
public record BaselineInfo(String runId, String commit, String branch, String reason) {

    public static BaselineInfo none(String reason) {
        return new BaselineInfo(null, null, null, reason);
    }

    public boolean exists() {
        return runId != null;
    }
}
