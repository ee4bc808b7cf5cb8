package io.mlci.cli.run;

import io.mlci.core.InvalidInputException;
import io.mlci.core.run.TrainOptions;
import io.mlci.core.run.record.RunStatus;

import java.util.Arrays;
import java.util.Locale;

/** Parses the option values the run commands share. */
final class RunOptions {

    private RunOptions() {
    }

    static TrainOptions.ExecutorChoice executor(String value) {
        try {
            return TrainOptions.ExecutorChoice.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("--executor", null, "'" + value + "' is not one of auto, local, docker");
        }
    }

    static RunStatus status(String value) {
        if (value == null) {
            return null;
        }
        try {
            return RunStatus.parse(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("--status", null, "'" + value + "' is not one of "
                    + String.join(", ", Arrays.stream(RunStatus.values()).map(RunStatus::label).toList()));
        }
    }
}
