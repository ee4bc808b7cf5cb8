package io.mlci.core.run.code;

import io.mlci.core.InvalidInputException;
import io.mlci.core.testing.GitRepos;
import io.mlci.core.testing.TestRepos;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

public class GitSnapshotTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Rule
    public TemporaryFolder elsewhere = new TemporaryFolder();

    private Path root;
    private Git git;
    private RevCommit commit;

    @Before
    public void createRepository() throws Exception {
        root = temp.getRoot().toPath();
        git = GitRepos.init(root);
        TestRepos.write(root, "train.py", "print('train')\n");
        TestRepos.write(root, "src/model.py", "class Model: pass\n");
        TestRepos.write(root, "src/util/io.py", "def load(): pass\n");
        TestRepos.write(root, ".gitignore", "/data\n*.log\n");
        commit = GitRepos.commitAll(git, "code");
    }

    private String id(String path) {
        try (GitSnapshot snapshot = GitSnapshot.open(root)) {
            return snapshot.contentIds(List.of(path), List.of()).get(path);
        }
    }

    private String committedId(String path) throws Exception {
        if (path.equals(".")) {
            return commit.getTree().name();
        }
        try (TreeWalk walk = TreeWalk.forPath(git.getRepository(), path, commit.getTree())) {
            return walk.getObjectId(0).name();
        }
    }

    @Test
    public void shouldGiveACleanPathItsCommittedGitId() throws Exception {
        assertThat(id(".")).isEqualTo(committedId("."));
        assertThat(id("src")).isEqualTo(committedId("src"));
        assertThat(id("src/")).isEqualTo(committedId("src"));
        assertThat(id("train.py")).isEqualTo(committedId("train.py"));
    }

    @Test
    public void shouldChangeTheIdWithUncommittedEditsAndRestoreItWhenReverted() throws Exception {
        String before = id("src");
        Files.writeString(root.resolve("src/model.py"), "class Model: changed = True\n");

        assertThat(id("src")).isNotEqualTo(before);
        assertThat(id("train.py")).isEqualTo(committedId("train.py"));

        Files.writeString(root.resolve("src/model.py"), "class Model: pass\n");
        assertThat(id("src")).isEqualTo(before);
    }

    @Test
    public void shouldGiveUncommittedContentTheIdItGetsWhenCommitted() throws Exception {
        TestRepos.write(root, "src/new.py", "x = 1\n");
        Files.delete(root.resolve("src/util/io.py"));
        String working = id(".");

        RevCommit next = GitRepos.commitAll(git, "more code");

        assertThat(working).isEqualTo(next.getTree().name());
    }

    @Test
    public void shouldIgnoreWhatGitIgnoresAndWhatIsExcluded() throws Exception {
        String before = id(".");
        TestRepos.write(root, "data/big.csv", "1,2,3\n");
        TestRepos.write(root, "train.log", "epoch 1\n");
        assertThat(id(".")).isEqualTo(before);

        TestRepos.write(root, "model.pkl", "weights");
        try (GitSnapshot snapshot = GitSnapshot.open(root)) {
            assertThat(snapshot.contentIds(List.of("."), List.of("model.pkl")).get(".")).isEqualTo(before);
            assertThat(snapshot.contentIds(List.of("."), List.of()).get(".")).isNotEqualTo(before);
            assertThat(snapshot.isDirty(List.of("model.pkl"))).isFalse();
            assertThat(snapshot.isDirty(List.of())).isTrue();
        }
    }

    @Test
    public void shouldLeaveDvcStateThatIsNotCommittedOutOfCleanlinessAndFingerprint() throws Exception {
        String before = id(".");
        // what a first training leaves in a repository that had no .dvc/: its cache, then the config and .gitignore
        TestRepos.write(root, ".dvc/cache/files/md5/91/b2a779046440116a83088b229e41af", "model bytes");
        TestRepos.write(root, ".dvc/tmp/mlci/stat-cache-v3/22", "state");
        TestRepos.write(root, ".dvc/config", "");
        TestRepos.write(root, ".dvc/.gitignore", "/config.local\n/tmp\n/cache\n");

        try (GitSnapshot snapshot = GitSnapshot.open(root)) {
            assertThat(snapshot.isDirty(List.of())).isFalse();
        }
        assertThat(id(".")).isEqualTo(before);

        // once committed, the user's .dvc/config is theirs: an edit to it is an uncommitted change
        GitRepos.commitAll(git, "dvc config");
        String committed = id(".");
        Files.writeString(root.resolve(".dvc/config"), "[core]\n    remote = store\n");
        try (GitSnapshot snapshot = GitSnapshot.open(root)) {
            assertThat(snapshot.isDirty(List.of())).isTrue();
        }
        assertThat(id(".")).isNotEqualTo(committed);
    }

    @Test
    public void shouldReportCommitBranchAndCleanliness() {
        try (GitSnapshot snapshot = GitSnapshot.open(root)) {
            assertThat(snapshot.commit()).isEqualTo(commit.name());
            assertThat(snapshot.branch()).isEqualTo("main");
            assertThat(snapshot.isDirty(List.of())).isFalse();
        }
    }

    @Test
    public void shouldRefuseACodePathThatDoesNotExist() {
        try (GitSnapshot snapshot = GitSnapshot.open(root)) {
            assertThatThrownBy(() -> snapshot.contentIds(List.of("lib/"), List.of()))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("train.code")
                    .hasMessageContaining("'lib/'");
        }
    }

    @Test
    public void shouldRefuseADirectoryOutsideGit() throws Exception {
        Path plain = elsewhere.getRoot().toPath();
        assertThatThrownBy(() -> GitSnapshot.open(plain)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("git repository");
    }
}
