package io.mlci.core.pipeline;

import io.mlci.core.InvalidInputException;
import io.mlci.core.run.TrainOptions;
import io.mlci.core.run.record.StageRun;
import io.mlci.core.storage.FileTrees;
import io.mlci.core.testing.GitRepos;
import io.mlci.core.testing.TestRepos;
import org.eclipse.jgit.api.Git;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a repro leaves for git, checked as a user would with {@code git status}: a real git
 * repository (JGit), real stage processes and a local run store outside the repository.
 */
public class OutputsOutOfGitTest {

    /** A directory output, a file output, a cached plot and a metrics file kept in git. */
    private static final String DVC_YAML = """
            stages:
              prepare:
                cmd: mkdir -p data/prepared && cp raw.txt data/prepared/a.txt && echo b > data/prepared/b.txt
                deps:
                - raw.txt
                outs:
                - data/prepared
              train:
                cmd: cat data/prepared/a.txt data/prepared/b.txt > model.pkl && echo '{"acc":1}' > metrics.json && echo x,y > plot.csv
                deps:
                - data/prepared
                outs:
                - model.pkl
                metrics:
                - metrics.json:
                    cache: false
                plots:
                - plot.csv
            """;

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private Path repo;
    private Path store;

    @Before
    public void setUp() throws Exception {
        repo = temp.newFolder("repo").toPath();
        store = temp.newFolder("store").toPath();
        try (Git git = GitRepos.init(repo)) {
            TestRepos.write(repo, "dvc.yaml", DVC_YAML);
            TestRepos.write(repo, "raw.txt", "raw\n");
            GitRepos.commitAll(git, "pipeline");
        }
    }

    private ReproOutcome repro(boolean force) {
        return new Repro(repo, new ReproOptions(List.of(), false, force, false, false, false, run())).run();
    }

    private TrainOptions run() {
        return TrainOptions.defaults(Map.of("PATH", System.getenv("PATH"), "HOME", temp.getRoot().toString()), "test")
                .withStore(store.toString()).withExecutor(TrainOptions.ExecutorChoice.LOCAL)
                .withOutput(line -> { }, io.mlci.core.run.exec.OutputSink.NONE);
    }

    private java.util.Set<String> untracked() throws Exception {
        try (Git git = Git.open(repo.toFile())) {
            return git.status().call().getUntracked();
        }
    }

    @Test
    public void shouldLeaveGitOnlyTheLockTheIgnoreFilesAndTheUncachedMetrics() throws Exception {
        ReproOutcome outcome = repro(false);

        assertThat(outcome.stages()).extracting(StageRun::state).containsOnly(StageRun.RAN);
        assertThat(untracked()).containsExactlyInAnyOrder("dvc.lock", ".gitignore", "data/.gitignore", "metrics.json",
                ".dvc/.gitignore", ".dvc/config");
        assertThat(Files.readString(repo.resolve(".gitignore"))).isEqualTo("/model.pkl\n/plot.csv\n");
        assertThat(Files.readString(repo.resolve("data/.gitignore"))).isEqualTo("/prepared\n");
        assertThat(Files.readString(repo.resolve(".dvc/.gitignore"))).isEqualTo("/config.local\n/tmp\n/cache\n");
    }

    @Test
    public void shouldAddNoEntryTwiceWhenStagesRunAgain() throws Exception {
        Files.writeString(repo.resolve(".gitignore"), "# build output\n*.log\n");
        repro(false);
        try (Git git = Git.open(repo.toFile())) {
            GitRepos.commitAll(git, "repro");
        }
        String root = Files.readString(repo.resolve(".gitignore"));
        String data = Files.readString(repo.resolve("data/.gitignore"));

        assertThat(repro(false).stages()).extracting(StageRun::state).containsOnly(StageRun.UNCHANGED);
        assertThat(repro(true).stages()).extracting(StageRun::state).containsOnly(StageRun.RAN);

        assertThat(root).isEqualTo("# build output\n*.log\n/model.pkl\n/plot.csv\n");
        assertThat(Files.readString(repo.resolve(".gitignore"))).isEqualTo(root);
        assertThat(Files.readString(repo.resolve("data/.gitignore"))).isEqualTo(data);
        assertThat(untracked()).isEmpty();
    }

    @Test
    public void shouldListTheOutputsOfRestoredAndUnchangedStagesToo() throws Exception {
        repro(false);
        Files.delete(repo.resolve("data/.gitignore"));
        Files.delete(repo.resolve(".gitignore"));
        FileTrees.delete(repo.resolve("data/prepared"));

        ReproOutcome outcome = repro(false);

        assertThat(outcome.stages()).extracting(StageRun::state).containsExactly(StageRun.RESTORED, StageRun.UNCHANGED);
        assertThat(Files.readString(repo.resolve("data/.gitignore"))).isEqualTo("/prepared\n");
        assertThat(Files.readString(repo.resolve(".gitignore"))).isEqualTo("/model.pkl\n/plot.csv\n");
        assertThat(untracked()).doesNotContain("data/prepared/a.txt", "data/prepared/b.txt", "model.pkl", "plot.csv");
    }

    @Test
    public void shouldWriteNothingOnADryRun() throws Exception {
        repro(false);
        Files.delete(repo.resolve(".gitignore"));
        new Repro(repo, new ReproOptions(List.of(), true, false, false, false, false, run())).run();

        assertThat(repo.resolve(".gitignore")).doesNotExist();
    }

    @Test
    public void shouldCompleteADvcDirectoryAnEarlierCommandLeftWithoutItsIgnoreFile() throws Exception {
        Files.createDirectories(repo.resolve(".dvc/cache/files/md5"));

        repro(false);

        assertThat(Files.readString(repo.resolve(".dvc/.gitignore"))).isEqualTo("/config.local\n/tmp\n/cache\n");
        assertThat(untracked()).noneMatch(path -> path.startsWith(".dvc/cache") || path.startsWith(".dvc/tmp"));
    }

    @Test
    public void shouldLeaveADvcInitDirectoryAsTheUserKeepsIt() throws Exception {
        TestRepos.write(repo, ".dvc/config", "[core]\n    autostage = false\n");

        repro(false);

        assertThat(repo.resolve(".dvc/.gitignore")).doesNotExist();
        assertThat(Files.readString(repo.resolve(".dvc/config"))).isEqualTo("[core]\n    autostage = false\n");
    }

    @Test
    public void shouldRefuseBeforeRunningAnythingWhenGitTracksACachedOutput() throws Exception {
        TestRepos.write(repo, "model.pkl", "committed by hand");
        try (Git git = Git.open(repo.toFile())) {
            GitRepos.commitAll(git, "model in git");
        }

        assertThatThrownBy(() -> repro(false)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("dvc.yaml: field 'stages.train.outs'")
                .hasMessageContaining("'model.pkl' is already tracked by git")
                .hasMessageContaining("git rm -r --cached 'model.pkl'");

        assertThat(repo.resolve("data/prepared")).doesNotExist();
        assertThat(repo.resolve("dvc.lock")).doesNotExist();
        assertThat(repo.resolve(".gitignore")).doesNotExist();
        assertThat(Files.readString(repo.resolve("model.pkl"))).isEqualTo("committed by hand");
    }

    @Test
    public void shouldRefuseADirectoryOutputWithAFileGitTracksInside() throws Exception {
        TestRepos.write(repo, "data/prepared/old.txt", "staged, not committed");
        try (Git git = Git.open(repo.toFile())) {
            git.add().addFilepattern("data/prepared/old.txt").call();
        }

        assertThatThrownBy(() -> repro(false)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("field 'stages.prepare.outs'")
                .hasMessageContaining("'data/prepared' is already tracked by git");
        assertThat(repo.resolve("dvc.lock")).doesNotExist();
    }

    @Test
    public void shouldRunWhenGitTracksOnlyAnOutputMarkedCacheFalse() throws Exception {
        TestRepos.write(repo, "metrics.json", "{\"acc\": 0}\n");
        try (Git git = Git.open(repo.toFile())) {
            GitRepos.commitAll(git, "metrics kept in git");
        }

        assertThat(repro(false).stages()).extracting(StageRun::state).containsOnly(StageRun.RAN);

        assertThat(Files.readString(repo.resolve(".gitignore"))).doesNotContain("metrics.json");
        try (Git git = Git.open(repo.toFile())) {
            assertThat(git.status().call().getModified()).containsExactly("metrics.json");
        }
    }
}
