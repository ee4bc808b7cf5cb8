package io.mlci.core.run.docker;

import io.mlci.core.InvalidInputException;
import org.junit.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

public class DockerArgsPolicyTest {

    private final DockerArgsPolicy strict = DockerArgsPolicy.trusting("");

    private List<String> check(DockerArgsPolicy policy, String... args) {
        return policy.check(List.of(args), "mlci.yaml", "train.dockerArgs");
    }

    @Test
    public void shouldPassOptionsThatOnlyShapeTheContainer() {
        assertThat(check(strict, "--shm-size=16g", "--ipc=host", "--gpus", "device=0,1", "-e", "OMP_NUM_THREADS=8",
                "-e WANDB_MODE", "--ulimit memlock=-1:-1", "-v", "datasets:/data:ro", "--mount",
                "type=volume,source=hf-cache,target=/cache,readonly", "--cpus=8", "--memory", "60g"))
                .containsExactly("--shm-size=16g", "--ipc=host", "--gpus", "device=0,1", "-e", "OMP_NUM_THREADS=8",
                        "-e", "WANDB_MODE", "--ulimit", "memlock=-1:-1", "-v", "datasets:/data:ro", "--mount",
                        "type=volume,source=hf-cache,target=/cache,readonly", "--cpus=8", "--memory", "60g");
    }

    @Test
    public void shouldRefuseWhatReachesTheAgentItself() {
        for (String args : List.of("--privileged", "-v /:/host", "--volume=/var/run/docker.sock:/var/run/docker.sock",
                "-v datasets:/data", "--pid=host", "--network host", "--net=host", "--cap-add SYS_ADMIN", "--device=/dev/fuse",
                "--security-opt seccomp=unconfined", "--volumes-from jenkins-agent", "--mount type=bind,source=/,target=/host",
                "--ipc container:other", "--entrypoint sh", "--env-file /etc/secrets", "--label io.mlci.run=x")) {
            assertThatThrownBy(() -> check(strict, args)).as(args).isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith("mlci.yaml: field 'train.dockerArgs': '" + args + "' is refused: ")
                    .hasMessageContaining("trusted docker arguments");
        }
    }

    @Test
    public void shouldSayWhyAndHowAnAdministratorAllowsIt() {
        assertThatThrownBy(() -> check(strict, "--privileged"))
                .hasMessageContaining("gives the container full control of the agent")
                .hasMessageContaining("adding '--privileged' to the trusted docker arguments");
        assertThatThrownBy(() -> check(strict, "-v", "/datasets:/datasets:ro"))
                .hasMessageContaining("a host path would expose the agent's files")
                .hasMessageContaining("adding '--volume=/datasets:/datasets:ro'");
    }

    @Test
    public void shouldAllowWhatTheAdministratorTrusts() {
        DockerArgsPolicy trusted = DockerArgsPolicy.fromEnvironment(Map.of(DockerArgsPolicy.TRUSTED_VARIABLE,
                "--privileged\n--volume=/datasets:/datasets:ro --cap-add=SYS_PTRACE"));

        assertThat(check(trusted, "--privileged", "-v", "/datasets:/datasets:ro", "--cap-add", "SYS_PTRACE"))
                .containsExactly("--privileged", "-v", "/datasets:/datasets:ro", "--cap-add", "SYS_PTRACE");
        assertThatThrownBy(() -> check(trusted, "--cap-add=SYS_ADMIN")).hasMessageContaining("is refused");
        assertThatThrownBy(() -> check(trusted, "-v", "/:/host")).hasMessageContaining("is refused");
    }

    @Test
    public void shouldRefuseWordsThatAreNotOptions() {
        assertThatThrownBy(() -> check(strict, "--shm-size=1g", "alpine", "sh"))
                .hasMessageContaining("'alpine' is not a docker run option");
        assertThatThrownBy(() -> check(strict, "--shm-size")).hasMessageContaining("'--shm-size' needs a value");
        assertThatThrownBy(() -> DockerArgsPolicy.trusting("privileged"))
                .hasMessageStartingWith(DockerArgsPolicy.TRUSTED_VARIABLE + ": 'privileged' is not an option");
    }
}
