package io.mlci.core.ci;

import io.mlci.core.gate.RuleStatus;

/** What a gate verdict does to a CI build. */
public enum BuildOutcome {
    /** The build result stays as it is. */
    PASS,
    /** The step and the build are marked unstable: worth a look, not a blocker. */
    UNSTABLE,
    /** The build fails with the gate's reasons. */
    FAIL;

    /** @param failBuild false softens a failed gate to UNSTABLE (a team trying the gate out) */
    public static BuildOutcome of(RuleStatus verdict, boolean failBuild) {
        return switch (verdict) {
            case FAILED -> failBuild ? FAIL : UNSTABLE;
            case UNSTABLE -> UNSTABLE;
            case PASSED, SKIPPED -> PASS;
        };
    }
}
