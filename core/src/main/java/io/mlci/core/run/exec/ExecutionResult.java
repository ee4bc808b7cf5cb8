package io.mlci.core.run.exec;

import java.time.Duration;

/**
 * How an attempt ended.
 *
 * @param exitCode the exit status; 128+N when a signal N ended it
 * @param outcome  why it ended
 * @param elapsed  wall-clock time
 */
public record ExecutionResult(int exitCode, Outcome outcome, Duration elapsed) {

    public enum Outcome {
        /** The command exited by itself (with any status). */
        EXITED,
        /** mlci stopped it because it ran past the timeout. */
        TIMED_OUT,
        /** It was stopped from outside: mlci was asked to stop, or a signal ended the command. */
        KILLED;

        /** How records spell it: {@code exited}, {@code timed-out}, {@code killed}. */
        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    public boolean succeeded() {
        return outcome == Outcome.EXITED && exitCode == 0;
    }
}
