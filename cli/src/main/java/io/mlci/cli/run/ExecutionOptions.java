package io.mlci.cli.run;

import io.mlci.core.run.ContainerOverrides;
import io.mlci.core.run.TrainOptions;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.List;

/**
 * Where a command's training runs: the executor, the container that replaces mlci.yaml's, and
 * the grace period of a stop. Shared by {@code mlci train} and {@code mlci repro}, so a pipeline
 * runs with exactly the choices a single training command has.
 */
public final class ExecutionOptions {

    @Option(names = "--executor", paramLabel = "WHERE", defaultValue = "auto",
            description = "auto (Docker when train.image is set), local or docker. Default: ${DEFAULT-VALUE}.")
    String executor;

    @Option(names = "--image", paramLabel = "IMAGE",
            description = "Run in this image instead of mlci.yaml's train.image (implies the Docker executor with auto).")
    String image;

    @Option(names = "--gpus", paramLabel = "WHEN",
            description = "true (GPUs needed: none visible fails before running), optional (CPU fallback with a warning) "
                    + "or false; instead of mlci.yaml's train.gpus.")
    String gpus;

    @Option(names = "--docker-args", paramLabel = "ARGS",
            description = "Extra docker run arguments instead of mlci.yaml's train.dockerArgs, e.g. '--shm-size=16g'; "
                    + "they pass the same allow-list.")
    String dockerArgs;

    @Option(names = "--kill-grace", paramLabel = "SECONDS", defaultValue = "30",
            description = "Seconds between SIGTERM and SIGKILL when a run is stopped. Default: ${DEFAULT-VALUE}.")
    long killGrace;

    /** Options for a run started from the command line with these choices. */
    TrainOptions apply(io.mlci.cli.MlciCommand root, String store) {
        return RunOptions.training(root, store, executor).withKillGrace(Duration.ofSeconds(killGrace))
                .withContainer(new ContainerOverrides(image == null || image.isBlank() ? null : image,
                        RunOptions.gpus(gpus), dockerArgs == null ? null : List.of(dockerArgs)));
    }

    long killGraceSeconds() {
        return killGrace;
    }
}
