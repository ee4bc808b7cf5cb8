package io.mlci.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlci.core.testing.GitRepos;
import io.mlci.core.testing.TestRepos;
import org.eclipse.jgit.api.Git;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** 'mlci data add' in a real git repository, as a user who has committed some data to git. */
public class DataAddCliTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void shouldAddNoneOfSeveralPathsWhenGitTracksOne() throws Exception {
        Path repo = temp.newFolder("repo").toPath().toRealPath();
        try (Git git = GitRepos.init(repo)) {
            TestRepos.write(repo, "data/committed.csv", "in git\n");
            GitRepos.commitAll(git, "data in git");
            TestRepos.write(repo, "new.csv", "not in git\n");

            CliRun run = CliRun.in(repo, System.getenv(), "data", "add", "new.csv", "data");
            CliRun json = CliRun.in(repo, System.getenv(), "--json", "data", "add", "new.csv", "data");

            assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
            assertThat(run.err()).contains("data: is already tracked by git",
                    "git rm -r --cached 'data' && git commit -m \"stop tracking data\"");
            JsonNode error = new ObjectMapper().readTree(json.out()).path("error");
            assertThat(error.path("file").asText()).isEqualTo(repo.resolve("data").toString());
            assertThat(repo.resolve("new.csv.dvc")).doesNotExist();
            assertThat(repo.resolve(".gitignore")).doesNotExist();
            assertThat(git.status().call().getUntracked()).containsExactly("new.csv");
        }
    }
}
