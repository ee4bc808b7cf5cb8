package io.mlci.core.gate;

/** What a violated rule does to the build: fail it, or mark it unstable. */
public enum Severity {
    FAIL, UNSTABLE;

    RuleStatus violated() {
        return this == FAIL ? RuleStatus.FAILED : RuleStatus.UNSTABLE;
    }
}
