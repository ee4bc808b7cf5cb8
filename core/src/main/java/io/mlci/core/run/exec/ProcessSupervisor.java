package io.mlci.core.run.exec;

import io.mlci.core.MlciException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one process to its end: streams its merged output line by line, enforces the timeout and
 * stops it on request. Stopping sends SIGTERM to the process and every descendant (a shell's
 * children would otherwise outlive it), waits the grace period, then SIGKILLs what is left.
 */
final class ProcessSupervisor {

    /** Hook for executors whose process is only a client, e.g. {@code docker run}. */
    interface Stopper {
        void stop(Process process, Duration grace);
    }

    private final Stopper stopper;
    private final boolean holdInput;
    private volatile Process current;
    private volatile boolean stopRequested;
    private volatile Duration grace = ExecutionRequest.DEFAULT_KILL_GRACE;

    ProcessSupervisor(Stopper stopper) {
        this(stopper, false);
    }

    /**
     * @param holdInput keep the process's standard input open until it ends (a watchdog reads it
     *                  to learn that mlci is gone), instead of closing it at once
     */
    ProcessSupervisor(Stopper stopper, boolean holdInput) {
        this.stopper = stopper;
        this.holdInput = holdInput;
    }

    static void terminateTree(Process process, Duration grace) {
        List<ProcessHandle> tree = process.descendants().toList();
        process.destroy();
        tree.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    ExecutionResult run(ExecutionRequest request, List<String> command, OutputSink sink) {
        long started = System.nanoTime();
        ProcessBuilder builder = new ProcessBuilder(command).directory(request.workdir().toFile()).redirectErrorStream(true);
        builder.environment().putAll(request.env());
        grace = request.killGrace();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new MlciException("cannot start '" + command.get(0) + "': " + e.getMessage(), e);
        }
        if (!holdInput) {
            closeInput(process);
        }
        current = process;
        if (stopRequested) {
            stopper.stop(process, grace);
        }
        Thread pump = new Thread(() -> pump(process, sink), "mlci-train-output");
        pump.setDaemon(true);
        pump.start();
        boolean timedOut = false;
        try {
            if (request.timeout() == null) {
                process.waitFor();
            } else if (!process.waitFor(request.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                timedOut = true;
                sink.line("[mlci] timeout of " + request.timeout() + " reached; stopping the training");
                stopper.stop(process, grace);
                process.waitFor();
            }
            pump.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopper.stop(process, grace);
        } finally {
            current = null;
            closeInput(process);
        }
        int exit = process.exitValue();
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        ExecutionResult.Outcome outcome = timedOut ? ExecutionResult.Outcome.TIMED_OUT
                : stopRequested || endedBySignal(exit) ? ExecutionResult.Outcome.KILLED
                : ExecutionResult.Outcome.EXITED;
        return new ExecutionResult(exit, outcome, elapsed);
    }

    /** Training reads no console input; a closed stdin makes an accidental prompt fail instead of hang. */
    private static void closeInput(Process process) {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // already closed by the process exiting at once: nothing to do
        }
    }

    /** SIGKILL (137, e.g. the OOM killer) or SIGTERM (143) from outside. */
    private static boolean endedBySignal(int exit) {
        return exit == 128 + 9 || exit == 128 + 15;
    }

    void stop() {
        stopRequested = true;
        Process process = current;
        if (process != null) {
            stopper.stop(process, grace);
        }
    }

    private static void pump(Process process, OutputSink sink) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                sink.line(line);
            }
        } catch (IOException e) {
            // the process went away mid-line; what was read has been passed on
        } catch (UncheckedIOException e) {
            sink.line("[mlci] could not store output: " + e.getMessage());
        }
    }
}
