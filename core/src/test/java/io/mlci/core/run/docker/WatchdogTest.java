package io.mlci.core.run.docker;

import io.mlci.core.testing.FakeDocker;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** With real processes: a SIGKILLed "mlci" (a sleep standing in for it) and the stand-in docker client. */
public class WatchdogTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void shouldStopThenRemoveTheContainerWhenMlciIsKilled() throws Exception {
        FakeDocker docker = FakeDocker.install(temp.getRoot().toPath());
        Process mlci = new ProcessBuilder("sleep", "60").start();
        try (Watchdog watchdog = Watchdog.start(new DockerCli(docker.binary(), Map.of()), "mlci-run-1", mlci.pid())) {
            Thread.sleep(300);
            assertThat(docker.calls()).as("nothing happens while mlci lives").isEmpty();

            mlci.destroyForcibly().waitFor();
            long deadline = System.currentTimeMillis() + 10_000;
            while (docker.calls().size() < 2 && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }

            assertThat(docker.lines()).containsExactly("stop --time 10 mlci-run-1", "rm -f mlci-run-1");
        }
    }

    @Test
    public void shouldEndWithoutTouchingTheContainerWhenClosed() throws Exception {
        FakeDocker docker = FakeDocker.install(temp.getRoot().toPath());
        Watchdog watchdog = Watchdog.start(new DockerCli(docker.binary(), Map.of()), "mlci-run-2", ProcessHandle.current().pid());

        watchdog.close();
        Thread.sleep(1500);

        assertThat(watchdog.alive()).isFalse();
        assertThat(docker.calls()).isEmpty();
    }
}
