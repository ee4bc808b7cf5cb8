package io.mlci.core.run.exec;

import java.util.List;

/**
 * Runs the command as a child process of mlci: the embedded default. Where the machine allows it
 * (Linux), the command runs in its own process group that dies with mlci, even with a SIGKILLed
 * mlci ({@link ProcessGroupWrapper}).
 */
public final class LocalProcessExecutor implements Executor {

    private final boolean grouped = ProcessGroupWrapper.available();
    private final ProcessSupervisor supervisor = new ProcessSupervisor(ProcessSupervisor::terminateTree, grouped);

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
        List<String> command = grouped ? ProcessGroupWrapper.wrap(request.command(), request.killGrace()) : request.command();
        return supervisor.run(request, command, sink);
    }

    @Override
    public void stop() {
        supervisor.stop();
    }
}
