package io.mlci.cli;

import io.mlci.core.testing.TestJvm;
import org.junit.rules.ExternalResource;
import org.junit.rules.TemporaryFolder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code mlci} started as its own JVM, the way a build step starts it, so a test can SIGKILL it;
 * each one's output goes to a log file. Every process still running is killed after the test.
 */
final class MlciProcesses extends ExternalResource {

    private final TemporaryFolder logs;
    private final List<Process> started = new ArrayList<>();

    /** @param logs where each process's output goes */
    MlciProcesses(TemporaryFolder logs) {
        this.logs = logs;
    }

    /** {@code mlci ARGS}. */
    Process start(String... args) throws Exception {
        Process process = TestJvm.builder(Main.class, args).redirectOutput(log(started.size()).toFile()).start();
        started.add(process);
        return process;
    }

    /** The pid a training wrote into {@code file}, waiting up to a minute for it. */
    long readPid(Path file, Process mlci) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            if (Files.exists(file)) {
                String text = Files.readString(file).trim();
                if (!text.isEmpty()) {
                    return Long.parseLong(text);
                }
            }
            if (!mlci.isAlive()) {
                throw new AssertionError("mlci ended before the training started: " + output(mlci));
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the training did not start within a minute: " + output(mlci));
    }

    private String output(Process mlci) throws Exception {
        Path log = log(started.indexOf(mlci));
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private Path log(int index) {
        return logs.getRoot().toPath().resolve("mlci-" + index + ".log");
    }

    @Override
    protected void after() {
        started.forEach(Process::destroyForcibly);
    }
}
