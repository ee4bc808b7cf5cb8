package io.mlci.cli.run;

import io.mlci.core.InvalidInputException;
import io.mlci.core.config.GpuRequest;
import io.mlci.core.run.TrainOptions;
import io.mlci.core.run.record.RunStatus;

import java.util.Arrays;
import java.util.Locale;

/** Parses the option values the run commands share. */
final class RunOptions {

    private RunOptions() {
    }

    /**
     * Options for a training started from the command line: phase lines on stderr as "mlci: ...",
     * the training's own output on stdout (stderr with --json, which keeps stdout for the result).
     */
    static TrainOptions training(io.mlci.cli.MlciCommand root, String store, String executor) {
        java.io.PrintStream output = root.global().json() ? root.console().err() : root.console().out();
        return TrainOptions.defaults(root.environment(), io.mlci.cli.Version.number())
                .withStore(store).withExecutor(executor(executor)).withData(root.dataOptions())
                .withOutput(root.say(),
                        (io.mlci.core.run.exec.OutputSink) output::println);
    }

    static TrainOptions.ExecutorChoice executor(String value) {
        try {
            return TrainOptions.ExecutorChoice.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("--executor", null, "'" + value + "' is not one of auto, local, docker");
        }
    }

    static GpuRequest gpus(String value) {
        if (value == null) {
            return null;
        }
        return GpuRequest.parse(value).orElseThrow(() -> new InvalidInputException("--gpus", null, "'" + value
                + "' is not one of true, optional, false"));
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
