package io.mlci.core.gate;

import com.fasterxml.jackson.annotation.JsonValue;

/** The outcome of one rule on one slice, ordered from best to worst. */
public enum RuleStatus {
    /** Not applicable: no baseline (rubber stamp), an ignored missing metric, a skipped zero base. */
    SKIPPED,
    PASSED,
    UNSTABLE,
    FAILED;

    public boolean worseThan(RuleStatus other) {
        return compareTo(other) > 0;
    }

    @JsonValue
    public String label() {
        return name().toLowerCase();
    }
}
