package io.mlci.core.run.docker;

import io.mlci.core.MlciException;
import io.mlci.core.config.GpuRequest;
import io.mlci.core.run.record.GpuInfo;
import io.mlci.core.run.record.GpuUse;
import io.mlci.core.testing.FakeDocker;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The GPU check's three outcomes, against the stand-in docker client (no GPU or engine here). */
public class GpuCheckTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private final List<String> said = new CopyOnWriteArrayList<>();
    private FakeDocker docker;
    private GpuCheck check;

    @Before
    public void installDocker() {
        docker = FakeDocker.install(temp.getRoot().toPath().resolve("bin"));
        check = new GpuCheck(new DockerCli(docker.binary(), Map.of()), "gpu-agent-7", said::add);
    }

    private GpuUse check(GpuRequest request) {
        return check.check(request, List.of("--gpus", "all", "--shm-size=16g"), "pytorch/pytorch@sha256:abc");
    }

    @Test
    public void shouldDescribeTheGpusTheImageSeesWithTheTrainingsFlags() {
        GpuUse use = check(GpuRequest.REQUIRED);

        GpuInfo a10g = new GpuInfo("NVIDIA A10G", "550.54.15", "12.4", "23028 MiB");
        assertThat(use).isEqualTo(new GpuUse("true", 2, List.of(a10g, a10g), null));
        assertThat(use.describe()).isEqualTo("2 × NVIDIA A10G (23028 MiB, driver 550.54.15, CUDA 12.4)");
        assertThat(docker.lines().get(0)).isEqualTo("run --rm --gpus all --shm-size=16g --entrypoint nvidia-smi "
                + "pytorch/pytorch@sha256:abc --query-gpu=name,memory.total,driver_version --format=csv,noheader");
    }

    @Test
    public void shouldFailFastNamingTheAgentAndTheCauseWhenGpusAreRequired() {
        docker.set("gpus", "no-toolkit");
        assertThatThrownBy(() -> check(GpuRequest.REQUIRED)).isInstanceOf(MlciException.class)
                .hasMessageStartingWith("no GPU is visible in image pytorch/pytorch@sha256:abc on agent gpu-agent-7: "
                        + "the agent's Docker has no NVIDIA container toolkit")
                .hasMessageContaining("The training was not started").hasMessageContaining("train.gpus: optional");

        docker.set("gpus", "none");
        assertThatThrownBy(() -> check(GpuRequest.REQUIRED)).hasMessageContaining("the agent has no GPU");

        docker.set("gpus", "no-driver");
        assertThatThrownBy(() -> check(GpuRequest.REQUIRED)).hasMessageContaining("the NVIDIA driver does not work on the agent");
    }

    @Test
    public void shouldFallBackToTheCpuWithAWarningWhenOptional() {
        docker.set("gpus", "none");

        GpuUse use = check(GpuRequest.OPTIONAL);

        assertThat(use.count()).isZero();
        assertThat(use.requested()).isEqualTo("optional");
        assertThat(use.note()).contains("the agent has no GPU");
        assertThat(said).singleElement().asString().startsWith("WARNING: no GPU is visible").contains("runs on the CPU");
    }

    @Test
    public void shouldNotCheckWhenNoGpuIsAskedFor() {
        assertThat(check(GpuRequest.NONE)).isEqualTo(new GpuUse("false", 0, List.of(), null));
        assertThat(docker.calls()).isEmpty();
    }
}
