package io.mlci.core.run.exec;

/** Runs the training command somewhere: a local process or a Docker container. */
public interface Executor {

    /** For logs: "local process", "docker image python:3.12 (sha256:...)". */
    String describe();

    /**
     * Makes the executor ready (e.g. pulls the image) and returns the image's content digest,
     * or null when there is no image. Called once, before the run key is computed.
     */
    String prepare();

    /**
     * Checks the GPUs the training will see, right before it starts; null where this executor
     * does not check (a local process: the machine's GPUs are in the run's environment).
     * Throws when GPUs are required and none is visible.
     */
    default io.mlci.core.run.record.GpuUse gpus() {
        return null;
    }

    /**
     * Each node of the last attempt when the training spans several ({@code train.nodes}), for the
     * run record; null for a training of one process.
     */
    default java.util.List<io.mlci.core.run.record.NodeRun> nodes() {
        return null;
    }

    /** Runs one attempt to its end; output goes to the sink line by line. */
    ExecutionResult run(ExecutionRequest request, OutputSink sink);

    /**
     * Stops the running attempt (SIGTERM, then SIGKILL after the grace period) and makes
     * {@link #run} return with {@link ExecutionResult.Outcome#KILLED}. Safe to call from another
     * thread, e.g. a shutdown hook when the build is aborted.
     */
    void stop();
}
