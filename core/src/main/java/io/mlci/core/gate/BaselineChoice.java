package io.mlci.core.gate;

/**
 * How the baseline run is found.
 *
 * @param runId for {@link Kind#RUN}, the run's id (or prefix)
 */
public record BaselineChoice(Kind kind, String runId) {

    public enum Kind { TARGET_BRANCH, MERGE_BASE, RUN, NONE }

    public static final BaselineChoice TARGET_BRANCH = new BaselineChoice(Kind.TARGET_BRANCH, null);

    /** Parses {@code target-branch}, {@code merge-base}, {@code run:<id>} or {@code none}; null if none of those. */
    public static BaselineChoice parse(String text) {
        return switch (text) {
            case "target-branch" -> TARGET_BRANCH;
            case "merge-base" -> new BaselineChoice(Kind.MERGE_BASE, null);
            case "none" -> new BaselineChoice(Kind.NONE, null);
            default -> text.startsWith("run:") && text.length() > 4 ? new BaselineChoice(Kind.RUN, text.substring(4)) : null;
        };
    }

    public String label() {
        return switch (kind) {
            case TARGET_BRANCH -> "target-branch";
            case MERGE_BASE -> "merge-base";
            case RUN -> "run:" + runId;
            case NONE -> "none";
        };
    }
}
