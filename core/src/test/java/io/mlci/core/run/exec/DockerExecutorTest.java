package io.mlci.core.run.exec;

import io.mlci.core.config.GpuRequest;
import io.mlci.core.run.docker.ContainerOwner;
import io.mlci.core.run.docker.ContainerSpec;
import io.mlci.core.run.docker.DockerCli;
import io.mlci.core.run.docker.WorkspaceMount;
import io.mlci.core.testing.FakeDocker;
import org.junit.Assume;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Against the stand-in docker client (no engine runs here), except the last test, which runs
 * where a real engine answers and is skipped elsewhere.
 */
public class DockerExecutorTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private final List<String> said = new CopyOnWriteArrayList<>();
    private FakeDocker fake;
    private Path dir;
    /** Stands in for the agent's root: no /.dockerenv, so an agent outside a container (WorkspaceMountTest covers inside). */
    private Path system;

    @Before
    public void installDocker() throws Exception {
        fake = FakeDocker.install(temp.newFolder("bin").toPath());
        dir = temp.newFolder("repo").toPath().toRealPath();
        system = temp.newFolder("root").toPath();
    }

    private DockerExecutor executor(String docker, GpuRequest gpus, List<String> args) {
        DockerCli cli = new DockerCli(docker, Map.of());
        ContainerOwner owner = ContainerOwner.current(Map.of("BUILD_TAG", "jenkins-churn-PR-5-3"));
        return new DockerExecutor(cli, new ContainerSpec("pytorch/pytorch:2.4.0", args, gpus, owner),
                new WorkspaceMount(cli, system, Map.of()), "gpu-agent-7", said::add);
    }

    private ExecutionRequest request(List<String> command, Map<String, String> env) {
        return new ExecutionRequest("run-1-1", command, dir, env, Duration.ofMinutes(1), Duration.ofSeconds(2));
    }

    @Test
    public void shouldRunThePinnedImageWithLabelsTheMountAndVariablesByNameOnly() {
        DockerExecutor docker = executor(fake.binary(), GpuRequest.REQUIRED, List.of("--shm-size=16g"));
        docker.prepare();

        List<String> argv = docker.runCommand(request(List.of("sh", "-c", "python train.py"),
                Map.of("SECRET_TOKEN", "s3cr3t", "MLCI_RUN_ID", "run-1")), "mlci-run-1-1");

        String line = String.join(" ", argv);
        assertThat(argv).startsWith(fake.binary(), "run", "--rm", "--name", "mlci-run-1-1", "--init");
        assertThat(line).contains("--label io.mlci.run=run-1 --label io.mlci.build=jenkins-churn-PR-5-3 --label io.mlci.agent=")
                .contains("--label io.mlci.owner=" + ProcessHandle.current().pid() + "@").contains("--gpus all")
                .contains("-v " + dir + ":" + dir + " -w " + dir).contains("-e MLCI_RUN_ID -e SECRET_TOKEN")
                .contains("--user ")
                .endsWith("--shm-size=16g pytorch/pytorch@sha256:" + "2".repeat(64) + " sh -c python train.py")
                .doesNotContain("s3cr3t");
    }

    @Test
    public void shouldGiveTheContainerTheVariablesValuesThroughTheClientsEnvironment() {
        DockerExecutor docker = executor(fake.binary(), GpuRequest.NONE, List.of());
        docker.prepare();
        List<String> lines = new CopyOnWriteArrayList<>();

        ExecutionResult result = docker.run(request(List.of("sh", "-c", "echo \"token=$SECRET_TOKEN in $PWD\""),
                Map.of("SECRET_TOKEN", "s3cr3t")), lines::add);

        assertThat(result.succeeded()).isTrue();
        assertThat(lines).containsExactly("token=s3cr3t in " + dir);
        assertThat(fake.lines()).noneMatch(call -> call.contains("s3cr3t"));
        assertThat(fake.lines()).last().asString().doesNotContain("--gpus");
    }

    @Test
    public void shouldTrainWithoutGpusAfterTheOptionalCheckFoundNone() {
        fake.set("gpus", "none");
        DockerExecutor docker = executor(fake.binary(), GpuRequest.OPTIONAL, List.of());
        docker.prepare();

        assertThat(docker.gpus().count()).isZero();
        assertThat(docker.runCommand(request(List.of("true"), Map.of()), "mlci-r")).doesNotContain("--gpus");
        assertThat(fake.lines()).anyMatch(call -> call.startsWith("run --rm --gpus all --label io.mlci.run=gpu-check"));
    }

    @Test
    public void shouldStopThenRemoveTheContainerWhenTheTrainingIsStopped() throws Exception {
        fake.set("block", "");
        DockerExecutor docker = executor(fake.binary(), GpuRequest.NONE, List.of());
        docker.prepare();
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread stopper = new Thread(() -> {
            while (!lines.contains("training in mlci-run-1-1")) {
                Thread.onSpinWait();
            }
            docker.stop();
        });
        stopper.start();

        ExecutionResult result = docker.run(request(List.of("python", "train.py"), Map.of()), lines::add);
        stopper.join();

        assertThat(result.outcome()).isEqualTo(ExecutionResult.Outcome.KILLED);
        List<String> calls = fake.lines();
        assertThat(calls.subList(calls.size() - 3, calls.size())).satisfiesExactly(
                run -> assertThat(run).startsWith("run --rm --name mlci-run-1-1"),
                stop -> assertThat(stop).isEqualTo("stop --time 2 mlci-run-1-1"),
                rm -> assertThat(rm).isEqualTo("rm -f mlci-run-1-1"));
    }

    @Test
    public void shouldRemoveOrphansBeforePullingTheImage() {
        DockerExecutor docker = executor(fake.binary(), GpuRequest.NONE, List.of());

        docker.prepare();

        assertThat(fake.lines()).first().asString().startsWith("ps -a --no-trunc --filter label=io.mlci.run");
        assertThat(fake.lines()).contains("pull pytorch/pytorch:2.4.0");
    }

    /** Runs only where a Docker engine answers; this machine has the client but no engine. */
    @Test
    public void shouldRunInARealContainerAndRecordTheImageDigest() {
        Assume.assumeTrue("no Docker engine answers 'docker info' here; the real-container test is skipped, the stand-in "
                + "docker tests above cover the argv", DockerExecutor.engineAvailable("docker"));
        DockerCli cli = new DockerCli("docker", Map.of());
        DockerExecutor docker = new DockerExecutor(cli, new ContainerSpec("alpine:3", List.of(), GpuRequest.NONE,
                ContainerOwner.current(Map.of())), new WorkspaceMount(cli, Path.of("/"), Map.of()), "local", said::add);
        String digest = docker.prepare();
        List<String> lines = new CopyOnWriteArrayList<>();

        ExecutionResult result = docker.run(request(List.of("sh", "-c", "echo \"in $PWD\""), Map.of()), lines::add);

        assertThat(digest).isNotBlank();
        assertThat(result.succeeded()).isTrue();
        assertThat(lines).contains("in " + dir);
    }
}
