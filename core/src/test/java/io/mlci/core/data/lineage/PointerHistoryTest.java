package io.mlci.core.data.lineage;

import io.mlci.core.testing.TestRepos;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

public class PointerHistoryTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private static RevCommit commit(Git git, String message, Instant when) throws Exception {
        PersonIdent who = new PersonIdent("Ada", "ada@example.com", when, ZoneOffset.UTC);
        git.add().addFilepattern(".").call();
        return git.commit().setMessage(message).setAuthor(who).setCommitter(who).setSign(false).call();
    }

    @Test
    public void shouldFindTheCommitThatLastChangedEachPointer() throws Exception {
        Path repo = temp.getRoot().toPath().toRealPath();
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            TestRepos.write(repo, "data.dvc", "outs: []\n");
            TestRepos.write(repo, "model.dvc", "outs: []\n");
            RevCommit first = commit(git, "Add pointers", Instant.parse("2026-01-01T10:00:00Z"));
            TestRepos.write(repo, "data.dvc", "outs: [] # v2\n");
            RevCommit second = commit(git, "New data version", Instant.parse("2026-02-01T10:00:00Z"));
            TestRepos.write(repo, "README", "unrelated\n");
            commit(git, "Docs", Instant.parse("2026-03-01T10:00:00Z"));

            try (PointerHistory history = PointerHistory.open(repo.resolve("sub-dir-does-not-matter").getParent())) {
                CommitInfo data = history.lastChange(repo.resolve("data.dvc")).orElseThrow();
                assertThat(data.id()).isEqualTo(second.getName());
                assertThat(data.subject()).isEqualTo("New data version");
                assertThat(data.authorTime()).isEqualTo(Instant.parse("2026-02-01T10:00:00Z"));
                assertThat(history.lastChange(repo.resolve("model.dvc")).orElseThrow().id()).isEqualTo(first.getName());
                assertThat(history.lastChange(repo.resolve("uncommitted.dvc"))).isEmpty();
            }
        }
    }

    @Test
    public void shouldAnswerNothingOutsideGit() throws Exception {
        try (PointerHistory history = PointerHistory.open(temp.newFolder("plain").toPath())) {
            assertThat(history.inGitRepository()).isFalse();
            assertThat(history.lastChange(temp.getRoot().toPath().resolve("x.dvc"))).isEmpty();
        }
    }
}
