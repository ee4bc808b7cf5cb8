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

    @Test
    public void shouldAddNoneOfSeveralPathsWhenOneIsMissingOrTheyOverlap() throws Exception {
        Path repo = temp.newFolder("repo").toPath().toRealPath();
        try (Git git = GitRepos.init(repo)) {
            TestRepos.write(repo, "a.csv", "a\n");
            TestRepos.write(repo, "data/sub/b.csv", "b\n");

            CliRun missing = CliRun.in(repo, System.getenv(), "data", "add", "a.csv", "typo.csv");
            CliRun overlapping = CliRun.in(repo, System.getenv(), "data", "add", "a.csv", "data", "data/sub");

            assertThat(missing.exitCode()).isEqualTo(ExitCodes.ERROR);
            assertThat(missing.err()).contains("typo.csv: does not exist");
            assertThat(overlapping.exitCode()).isEqualTo(ExitCodes.ERROR);
            assertThat(overlapping.err()).contains("data/sub: overlaps data, also given", "Nothing was changed");
            assertThat(repo.resolve("a.csv.dvc")).doesNotExist();
            assertThat(repo.resolve("data.dvc")).doesNotExist();
            assertThat(repo.resolve(".gitignore")).doesNotExist();
            assertThat(git.status().call().getUntracked()).containsExactlyInAnyOrder("a.csv", "data/sub/b.csv");

            CliRun both = CliRun.in(repo, System.getenv(), "data", "add", "a.csv", "data");
            assertThat(both.exitCode()).as(both.err()).isZero();
            assertThat(repo.resolve("a.csv.dvc")).exists();
            assertThat(repo.resolve("data.dvc")).exists();
        }
    }
}
