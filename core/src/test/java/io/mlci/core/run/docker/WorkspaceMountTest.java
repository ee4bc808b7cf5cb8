package io.mlci.core.run.docker;

import io.mlci.core.InvalidInputException;
import io.mlci.core.MlciException;
import io.mlci.core.testing.FakeDocker;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A directory stands in for the agent's root (/.dockerenv, /proc); the stand-in docker answers inspect. */
public class WorkspaceMountTest {

    private static final String ID = "4f".repeat(32);

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private Path system;
    private FakeDocker docker;
    private final Path workspace = Path.of("/home/jenkins/agent/workspace/churn_PR-5");

    @Before
    public void createSystem() throws Exception {
        system = temp.newFolder("root").toPath();
        docker = FakeDocker.install(temp.getRoot().toPath().resolve("bin"));
    }

    private WorkspaceMount mount(Map<String, String> env) {
        return new WorkspaceMount(new DockerCli(docker.binary(), Map.of()), system, env);
    }

    private void runInAContainer() throws Exception {
        Files.writeString(system.resolve(".dockerenv"), "");
        Files.createDirectories(system.resolve("proc/self"));
        Files.writeString(system.resolve("proc/self/mountinfo"), "613 598 259:1 /var/lib/docker/containers/" + ID
                + "/hostname /etc/hostname rw,relatime - ext4 /dev/nvme0n1p1 rw\n");
    }

    @Test
    public void shouldMountTheSamePathOnAnAgentOutsideAContainer() {
        assertThat(mount(Map.of()).volumeFor(workspace)).containsExactly("-v", workspace + ":" + workspace);
        assertThat(docker.calls()).isEmpty();
    }

    @Test
    public void shouldFindTheHostPathFromTheAgentContainersMounts() throws Exception {
        runInAContainer();
        docker.set("mounts", "[{\"Type\":\"bind\",\"Source\":\"/var/run/docker.sock\",\"Destination\":\"/var/run/docker.sock\"},"
                + "{\"Type\":\"volume\",\"Name\":\"agent\",\"Source\":\"/var/lib/docker/volumes/agent/_data\","
                + "\"Destination\":\"/home/jenkins/agent\"}]");

        assertThat(mount(Map.of()).volumeFor(workspace))
                .containsExactly("-v", "/var/lib/docker/volumes/agent/_data/workspace/churn_PR-5:" + workspace);
        assertThat(docker.lines()).containsExactly("inspect --format {{json .Mounts}} " + ID);
    }

    @Test
    public void shouldRefuseAWorkspaceInTheAgentContainersOwnFilesystem() throws Exception {
        runInAContainer();
        docker.set("mounts", "[{\"Source\":\"/var/run/docker.sock\",\"Destination\":\"/var/run/docker.sock\"}]");

        assertThatThrownBy(() -> mount(Map.of()).volumeFor(workspace)).isInstanceOf(MlciException.class)
                .hasMessageContaining("in that container's own filesystem").hasMessageContaining(WorkspaceMount.HOST_PATH_VARIABLE);
    }

    @Test
    public void shouldUseTheDeclaredMappingFirst() throws Exception {
        runInAContainer();
        Map<String, String> env = Map.of(WorkspaceMount.HOST_PATH_VARIABLE, "/home/jenkins/agent:/srv/jenkins");

        assertThat(mount(env).volumeFor(workspace)).containsExactly("-v", "/srv/jenkins/workspace/churn_PR-5:" + workspace);
        assertThat(docker.calls()).isEmpty();
        assertThatThrownBy(() -> mount(Map.of(WorkspaceMount.HOST_PATH_VARIABLE, "/other:/srv")).volumeFor(workspace))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("does not cover the repository");
        assertThatThrownBy(() -> mount(Map.of(WorkspaceMount.HOST_PATH_VARIABLE, "/srv")).volumeFor(workspace))
                .hasMessageContaining("is not AGENT_DIR:HOST_DIR");
    }
}
