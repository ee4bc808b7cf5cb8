package io.mlci.core.run.exec;

import org.junit.Assume;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

public class DockerExecutorTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void shouldMountTheWorkspaceAndPassVariablesByNameOnly() {
        Path dir = temp.getRoot().toPath();
        DockerExecutor docker = new DockerExecutor("docker", "python:3.12-slim", List.of("--shm-size=16g"), true);
        ExecutionRequest request = new ExecutionRequest("run-1", List.of("sh", "-c", "python train.py"), dir,
                Map.of("SECRET_TOKEN", "s3cr3t", "MLCI_RUN_ID", "run-1"), null, null);

        List<String> argv = docker.runCommand(request, "mlci-run-1");

        String abs = dir.toAbsolutePath().toString();
        assertThat(argv).startsWith("docker", "run", "--rm", "--name", "mlci-run-1", "--init", "--gpus", "all");
        assertThat(String.join(" ", argv)).contains("-v " + abs + ":" + abs + " -w " + abs)
                .contains("-e MLCI_RUN_ID -e SECRET_TOKEN").contains("--user ")
                .endsWith("--shm-size=16g python:3.12-slim sh -c python train.py")
                .doesNotContain("s3cr3t");
    }

    @Test
    public void shouldLeaveOutGpusWhereThereAreNone() {
        DockerExecutor docker = new DockerExecutor("docker", "alpine:3", List.of(), false);
        ExecutionRequest request = new ExecutionRequest("r", List.of("true"), temp.getRoot().toPath(), Map.of(), null, null);

        assertThat(docker.runCommand(request, "mlci-r")).doesNotContain("--gpus");
    }

    /** Runs only where a Docker engine answers; this machine has the client but no engine. */
    @Test
    public void shouldRunInAContainerAndRecordTheImageDigest() {
        Assume.assumeTrue("no Docker engine answers 'docker info' here; the container test is skipped, not faked",
                DockerExecutor.engineAvailable("docker"));
        DockerExecutor docker = new DockerExecutor("docker", "alpine:3", List.of(), false);
        String digest = docker.prepare();
        List<String> lines = new CopyOnWriteArrayList<>();

        ExecutionResult result = docker.run(new ExecutionRequest("digest-test", List.of("sh", "-c", "echo \"in $PWD\""),
                temp.getRoot().toPath(), Map.of(), Duration.ofMinutes(2), null), lines::add);

        assertThat(digest).isNotBlank();
        assertThat(result.succeeded()).isTrue();
        assertThat(lines).contains("in " + temp.getRoot().toPath().toAbsolutePath());
    }
}
