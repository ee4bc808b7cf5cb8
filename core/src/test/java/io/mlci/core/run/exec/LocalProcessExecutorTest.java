package io.mlci.core.run.exec;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

public class LocalProcessExecutorTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private final List<String> lines = new CopyOnWriteArrayList<>();

    private ExecutionRequest request(String script, Duration timeout) {
        return new ExecutionRequest("test", List.of("sh", "-c", script), temp.getRoot().toPath(),
                Map.of("GREETING", "it's \"quoted\" $(not run)"), timeout, Duration.ofMillis(1500));
    }

    @Test
    public void shouldStreamOutputAndRecordTheExitStatus() {
        ExecutionResult result = new LocalProcessExecutor().run(
                request("echo one; echo two >&2; echo \"$GREETING\"; pwd; exit 3", null), lines::add);

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.outcome()).isEqualTo(ExecutionResult.Outcome.EXITED);
        assertThat(result.succeeded()).isFalse();
        assertThat(lines).containsExactly("one", "two", "it's \"quoted\" $(not run)",
                temp.getRoot().toPath().toAbsolutePath().toString());
    }

    @Test
    public void shouldDeliverLinesWhileTheCommandRuns() throws Exception {
        long[] firstLineAt = new long[1];
        long started = System.nanoTime();
        new LocalProcessExecutor().run(request("echo early; sleep 1; echo late", null), line -> {
            if (line.equals("early")) {
                firstLineAt[0] = System.nanoTime() - started;
            }
        });

        assertThat(TimeUnit.NANOSECONDS.toMillis(firstLineAt[0])).isLessThan(900);
    }

    @Test
    public void shouldStopACommandAtTheTimeoutWithSigtermThenSigkill() throws Exception {
        Path marker = temp.getRoot().toPath().resolve("got-term");
        // the shell traps SIGTERM and keeps going, so only SIGKILL can end it
        ExecutionResult result = new LocalProcessExecutor().run(request(
                // the trap writes with a builtin: a forked 'touch' may not run before SIGKILL on a loaded machine
                "trap ': > got-term' TERM; echo started; while true; do sleep 0.1; done", Duration.ofMillis(700)), lines::add);

        assertThat(result.outcome()).isEqualTo(ExecutionResult.Outcome.TIMED_OUT);
        assertThat(result.elapsed()).isLessThan(Duration.ofSeconds(5));
        assertThat(lines).contains("started");
        assertThat(lines).anyMatch(line -> line.contains("timeout"));
        waitFor(marker);
        assertThat(marker).exists();
    }

    @Test
    public void shouldStopTheWholeProcessTreeOnRequest() throws Exception {
        LocalProcessExecutor executor = new LocalProcessExecutor();
        Path pidFile = temp.getRoot().toPath().resolve("child.pid");
        Thread stopper = new Thread(() -> {
            waitFor(pidFile);
            executor.stop();
        });
        stopper.start();

        ExecutionResult result = executor.run(request("sleep 60 & echo $! > child.pid; wait", null), lines::add);
        stopper.join();

        assertThat(result.outcome()).isEqualTo(ExecutionResult.Outcome.KILLED);
        long child = Long.parseLong(Files.readString(pidFile).trim());
        assertThat(io.mlci.core.testing.Processes.runsWithin(child, 2_000)).isFalse();
    }

    private static void waitFor(Path file) {
        for (int i = 0; i < 100 && !Files.exists(file); i++) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
