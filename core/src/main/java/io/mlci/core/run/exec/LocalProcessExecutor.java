package io.mlci.core.run.exec;

/** Runs the command as a child process of mlci: the embedded default. */
public final class LocalProcessExecutor implements Executor {

    private final ProcessSupervisor supervisor = new ProcessSupervisor(ProcessSupervisor::terminateTree);

    @Override
    public String describe() {
        return "local process";
    }

    @Override
    public String prepare() {
        return null;
    }

    @Override
    public ExecutionResult run(ExecutionRequest request, OutputSink sink) {
        return supervisor.run(request, request.command(), sink);
    }

    @Override
    public void stop() {
        supervisor.stop();
    }
}
