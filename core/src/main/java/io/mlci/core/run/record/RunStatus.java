package io.mlci.core.run.record;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How a training ended. Only {@link #SUCCEEDED} and {@link #REUSED} runs have outputs. */
public enum RunStatus {
    /** The command exited 0 and produced every declared output. */
    SUCCEEDED,
    /** An identical earlier run succeeded; its outputs were restored instead of training again. */
    REUSED,
    /** The command exited non-zero, or a declared output was not produced. */
    FAILED,
    /** The command ran past the timeout and was stopped. */
    TIMED_OUT,
    /** The command or mlci was stopped by a signal (an aborted build, a reclaimed agent). */
    KILLED;

    @JsonValue
    public String label() {
        return name().toLowerCase().replace('_', '-');
    }

    @JsonCreator
    public static RunStatus parse(String label) {
        for (RunStatus status : values()) {
            if (status.label().equals(label)) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown run status '" + label + "'");
    }

    public boolean hasOutputs() {
        return this == SUCCEEDED || this == REUSED;
    }
}
