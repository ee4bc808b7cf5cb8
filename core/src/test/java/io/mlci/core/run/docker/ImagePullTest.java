package io.mlci.core.run.docker;

import io.mlci.core.MlciException;
import io.mlci.core.testing.FakeDocker;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Against the stand-in docker client: no engine or registry answers here. */
public class ImagePullTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private FakeDocker docker;
    private ImagePull pull;

    @Before
    public void installDocker() {
        docker = FakeDocker.install(temp.getRoot().toPath().resolve("bin"));
        pull = new ImagePull(new DockerCli(docker.binary(), Map.of()));
    }

    @Test
    public void shouldPullAMissingImageAndNameItsDigest() {
        assertThat(pull.digest("pytorch/pytorch:2.4.0")).isEqualTo("pytorch/pytorch@sha256:" + "2".repeat(64));
        assertThat(docker.lines()).anyMatch(line -> line.equals("pull pytorch/pytorch:2.4.0"));
    }

    @Test
    public void shouldNotPullAnImageTheAgentHas() {
        docker.set("present", "");
        pull.digest("pytorch/pytorch:2.4.0");
        assertThat(docker.lines()).noneMatch(line -> line.startsWith("pull"));
    }

    @Test
    public void shouldTellAuthenticationFromNotFound() {
        docker.set("pull", "auth");
        assertThatThrownBy(() -> pull.digest("registry.example.com/team/train:1")).isInstanceOf(MlciException.class)
                .hasMessageStartingWith("cannot pull image 'registry.example.com/team/train:1' from registry registry.example.com: "
                        + "the registry refused the agent's credentials (")
                .hasMessageContaining("train.registryCredentialsId").hasMessageContaining("aws ecr get-login-password");

        docker.set("pull", "notfound");
        assertThatThrownBy(() -> pull.digest("pytorch/pytorch:9.9.9"))
                .hasMessageStartingWith("cannot pull image 'pytorch/pytorch:9.9.9' from Docker Hub (docker.io): "
                        + "the registry has no such image or tag");

        docker.set("pull", "hubdenied");
        assertThatThrownBy(() -> pull.digest("acme/private-train:1"))
                .hasMessageContaining("the image does not exist or the agent is not logged in to a private registry");

        docker.set("pull", "network");
        assertThatThrownBy(() -> pull.digest("registry.example.com/team/train:1"))
                .hasMessageContaining("the registry cannot be reached from the agent");
    }

    @Test
    public void shouldNameTheRegistryOfAnImage() {
        assertThat(ImagePull.registryOf("123456789012.dkr.ecr.eu-west-1.amazonaws.com/train:3"))
                .isEqualTo("registry 123456789012.dkr.ecr.eu-west-1.amazonaws.com");
        assertThat(ImagePull.registryOf("localhost:5000/train")).isEqualTo("registry localhost:5000");
        assertThat(ImagePull.registryOf("nvidia/cuda:12.4.1-runtime-ubuntu22.04")).isEqualTo("Docker Hub (docker.io)");
        assertThat(ImagePull.registryOf("python:3.12")).isEqualTo("Docker Hub (docker.io)");
    }
}
