package io.mlci.core.run.exec;

import org.junit.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

public class CommandOutputTest {

    @Test
    public void shouldCaptureOutputOfACommandThatSucceeds() {
        assertThat(CommandOutput.ifSucceeds(List.of("sh", "-c", "echo '  hi  '"), Duration.ofSeconds(10))).contains("hi");
    }

    @Test
    public void shouldAnswerEmptyForFailuresMissingProgramsAndTimeouts() {
        assertThat(CommandOutput.ifSucceeds(List.of("sh", "-c", "exit 2"), Duration.ofSeconds(10))).isEmpty();
        assertThat(CommandOutput.run(List.of("sh", "-c", "exit 2"), Duration.ofSeconds(10)).orElseThrow().exitCode()).isEqualTo(2);
        assertThat(CommandOutput.ifSucceeds(List.of("mlci-no-such-program"), Duration.ofSeconds(10))).isEmpty();
        long started = System.nanoTime();
        assertThat(CommandOutput.run(List.of("sleep", "5"), Duration.ofMillis(300))).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    }
}
