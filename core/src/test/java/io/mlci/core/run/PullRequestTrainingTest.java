package io.mlci.core.run;

import io.mlci.core.InvalidInputException;
import io.mlci.core.config.MlciConfig;
import io.mlci.core.config.MlciYaml;
import io.mlci.core.testing.GitRepos;
import org.eclipse.jgit.api.Git;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A pull request that picks the controller's label, host-mounting docker flags or its own registry, in a real repository. */
public class PullRequestTrainingTest {

    private static final String MAIN = """
            train:
              command: python train.py
              image: registry.example.com/ml/train:1
              agent: gpu
              dockerArgs: [--shm-size=8g]
            """;

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private Path repo;
    private Git git;
    private String pinned;
    private final List<String> said = new ArrayList<>();

    @Before
    public void mainWithItsTrainingSettings() throws Exception {
        repo = temp.getRoot().toPath();
        git = GitRepos.init(repo);
        Files.writeString(repo.resolve("mlci.yaml"), MAIN);
        pinned = GitRepos.commitAll(git, "main").name();
        git.checkout().setCreateBranch(true).setName("feature").call();
    }

    private MlciConfig pullRequestWith(String yaml, String pin) throws Exception {
        Files.writeString(repo.resolve("mlci.yaml"), yaml);
        GitRepos.commitAll(git, "the pull request's settings");
        Map<String, String> env = pin == null ? Map.of("CHANGE_ID", "4", "CHANGE_TARGET", "main")
                : Map.of("CHANGE_ID", "4", "CHANGE_TARGET", "main", "MLCI_TARGET_COMMIT", pin);
        return PullRequestTraining.effective(repo, MlciYaml.load(repo), env, said::add);
    }

    @Test
    public void shouldTakeTheAgentAndDockerArgumentsFromThePinnedTarget() throws Exception {
        MlciConfig config = pullRequestWith(MAIN.replace("agent: gpu", "agent: built-in")
                .replace("[--shm-size=8g]", "[--privileged, -v, /:/host]").replace("train:1", "train:2"), pinned);

        assertThat(config.train().agent()).isEqualTo("gpu");
        assertThat(config.train().dockerArgs()).containsExactly("--shm-size=8g");
        assertThat(config.train().image()).isEqualTo("registry.example.com/ml/train:2");
        assertThat(said).singleElement().asString().contains("are main at " + pinned.substring(0, 7) + "'s");
    }

    @Test
    public void shouldRefuseAnImageFromAnotherRegistry() throws Exception {
        assertThatThrownBy(() -> pullRequestWith(MAIN.replace("registry.example.com/ml", "evil.example.org/x"), pinned))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("train.image: 'evil.example.org/x/train:1' comes from evil.example.org, but main at "
                        + pinned.substring(0, 7) + " takes images from registry.example.com; a pull request may change the "
                        + "image, not the registry it comes from");
    }

    @Test
    public void shouldRefuseAContainerWithoutAPinnedTarget() throws Exception {
        assertThatThrownBy(() -> pullRequestWith(MAIN, null)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("MLCI_TARGET_COMMIT: pull request 4 asks for a container");
        assertThat(PullRequestTraining.effective(repo, MlciYaml.parse("x", "train: {command: x}"),
                Map.of("CHANGE_ID", "4"), said::add).train().agent()).as("a local training needs no pin").isEqualTo("gpu");
    }

    @Test
    public void shouldKnowWhichRegistryAnImageComesFrom() {
        assertThat(PullRequestTraining.registry("python:3.11")).isEqualTo("docker.io");
        assertThat(PullRequestTraining.registry("library/python")).isEqualTo("docker.io");
        assertThat(PullRequestTraining.registry("localhost:5000/train")).isEqualTo("localhost:5000");
        assertThat(PullRequestTraining.registry("123.dkr.ecr.eu-west-1.amazonaws.com/train:1"))
                .isEqualTo("123.dkr.ecr.eu-west-1.amazonaws.com");
    }
}
