package io.mlci.core.run;

import io.mlci.core.data.workspace.DataOptions;
import io.mlci.core.run.exec.OutputSink;

import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * How {@code mlci train} runs.
 *
 * @param store       run store location; null = mlci.yaml's {@code store}, else {@code .mlci/}
 * @param force       train even when an identical run already succeeded
 * @param executor    where the command runs
 * @param environment the process environment (CI variables, credentials for the store)
 * @param mlciVersion recorded with the run
 * @param data        cache and transfer settings
 * @param say         one line per phase, for the console
 * @param trainOutput the training's own output, line by line
 * @param killGrace   time between SIGTERM and SIGKILL when a training is stopped
 * @param container   image, GPUs and docker arguments chosen instead of mlci.yaml's
 */
public record TrainOptions(String store, boolean force, ExecutorChoice executor, Map<String, String> environment,
                           String mlciVersion, DataOptions data, Consumer<String> say, OutputSink trainOutput,
                           Duration killGrace, ContainerOverrides container) {

    public TrainOptions {
        container = container == null ? ContainerOverrides.NONE : container;
    }

    public enum ExecutorChoice {
        /** Docker when mlci.yaml names an image, else a local process. */
        AUTO,
        /** A local process even when an image is named: mlci itself already runs inside it. */
        LOCAL,
        DOCKER
    }

    public static TrainOptions defaults(Map<String, String> environment, String version) {
        return new TrainOptions(null, false, ExecutorChoice.AUTO, environment, version, DataOptions.defaults(),
                line -> { }, OutputSink.NONE, null, ContainerOverrides.NONE);
    }

    public TrainOptions withStore(String location) {
        return new TrainOptions(location, force, executor, environment, mlciVersion, data, say, trainOutput, killGrace, container);
    }

    public TrainOptions withForce(boolean value) {
        return new TrainOptions(store, value, executor, environment, mlciVersion, data, say, trainOutput, killGrace, container);
    }

    public TrainOptions withExecutor(ExecutorChoice choice) {
        return new TrainOptions(store, force, choice, environment, mlciVersion, data, say, trainOutput, killGrace, container);
    }

    public TrainOptions withData(DataOptions options) {
        return new TrainOptions(store, force, executor, environment, mlciVersion, options, say, trainOutput, killGrace, container);
    }

    public TrainOptions withOutput(Consumer<String> phases, OutputSink training) {
        return new TrainOptions(store, force, executor, environment, mlciVersion, data, phases, training, killGrace, container);
    }

    public TrainOptions withKillGrace(Duration grace) {
        return new TrainOptions(store, force, executor, environment, mlciVersion, data, say, trainOutput, grace, container);
    }

    public TrainOptions withContainer(ContainerOverrides overrides) {
        return new TrainOptions(store, force, executor, environment, mlciVersion, data, say, trainOutput, killGrace, overrides);
    }
}
