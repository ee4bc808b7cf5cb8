package io.mlci.core.data.workspace;

import io.mlci.core.InvalidInputException;
import io.mlci.core.MlciException;
import io.mlci.core.testing.GitRepos;
import io.mlci.core.testing.TestRepos;
import org.eclipse.jgit.api.Git;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Real files in a real git repository; "ignored" is what JGit's status says. */
public class GitIgnoresTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void shouldListAFileAndADirectoryBesideThemSoGitNoLongerSeesThem() throws Exception {
        Path repo = temp.newFolder("repo").toPath();
        try (Git git = GitRepos.init(repo)) {
            TestRepos.write(repo, "model.pkl", "weights");
            TestRepos.write(repo, "data/prepared/a.csv", "1\n");

            assertThat(GitIgnores.ensureListed(repo, repo.resolve("model.pkl"))).isTrue();
            assertThat(GitIgnores.ensureListed(repo, repo.resolve("data/prepared"))).isTrue();

            assertThat(Files.readString(repo.resolve(".gitignore"))).isEqualTo("/model.pkl\n");
            assertThat(Files.readString(repo.resolve("data/.gitignore"))).isEqualTo("/prepared\n");
            assertThat(git.status().call().getUntracked()).containsExactlyInAnyOrder(".gitignore", "data/.gitignore");
        }
    }

    @Test
    public void shouldAddNothingForWhatAnotherRuleAlreadyIgnoresAsDvcDoes() throws Exception {
        Path repo = temp.newFolder("repo").toPath();
        try (Git git = GitRepos.init(repo)) {
            TestRepos.write(repo, ".gitignore", "*.pkl\n!keep.pkl\n/data/\n");
            TestRepos.write(repo, "models/model.pkl", "weights");
            TestRepos.write(repo, "models/keep.pkl", "re-included by the user's negation");
            TestRepos.write(repo, "data/prepared/a.csv", "1\n");
            TestRepos.write(repo, "excluded/out.bin", "x");
            TestRepos.write(repo, ".git/info/exclude", "/excluded\n");

            assertThat(GitIgnores.ensureListed(repo, repo.resolve("models/model.pkl"))).isFalse();
            assertThat(GitIgnores.ensureListed(repo, repo.resolve("data/prepared"))).isFalse();
            assertThat(GitIgnores.ensureListed(repo, repo.resolve("excluded/out.bin"))).isFalse();
            assertThat(GitIgnores.ensureListed(repo, repo.resolve("models/keep.pkl"))).isTrue();

            assertThat(repo.resolve("data/.gitignore")).doesNotExist();
            assertThat(repo.resolve("excluded/.gitignore")).doesNotExist();
            assertThat(Files.readString(repo.resolve("models/.gitignore"))).isEqualTo("/keep.pkl\n");
            assertThat(git.status().call().getUntracked()).containsExactlyInAnyOrder(".gitignore", "models/.gitignore");
        }
    }

    @Test
    public void shouldKeepTheUsersLinesCommentsLineEndingsAndBytesAndAddNothingTwice() throws Exception {
        Path repo = temp.newFolder("repo").toPath();
        byte[] latin1Comment = "# caf\u00e9 (Latin-1, not UTF-8)\r\n*.log".getBytes(StandardCharsets.ISO_8859_1);
        Files.write(repo.resolve(".gitignore"), latin1Comment);
        TestRepos.write(repo, "model.pkl", "weights");

        assertThat(GitIgnores.ensureListed(repo, repo.resolve("model.pkl"))).isTrue();
        byte[] once = Files.readAllBytes(repo.resolve(".gitignore"));
        assertThat(GitIgnores.ensureListed(repo, repo.resolve("model.pkl"))).isFalse();

        assertThat(new String(once, StandardCharsets.ISO_8859_1))
                .isEqualTo("# caf\u00e9 (Latin-1, not UTF-8)\r\n*.log\r\n/model.pkl\r\n");
        assertThat(Files.readAllBytes(repo.resolve(".gitignore"))).isEqualTo(once);
    }

    @Test
    public void shouldEscapeNamesAsDvcDoesSoGitMatchesThemLiterally() throws Exception {
        Path repo = temp.newFolder("repo").toPath();
        try (Git git = GitRepos.init(repo)) {
            String weird = "file!with*weird#naming_[1].t?t";
            TestRepos.write(repo, weird, "x");
            TestRepos.write(repo, "mod\u00e8le final.pkl ", "UTF-8 name, with a space inside and one at the end");
            TestRepos.write(repo, "file!with_other#naming_[1].txt", "not listed, must stay visible");

            GitIgnores.ensureListed(repo, repo.resolve(weird));
            GitIgnores.ensureListed(repo, repo.resolve("mod\u00e8le final.pkl "));

            assertThat(Files.readString(repo.resolve(".gitignore"), StandardCharsets.UTF_8))
                    .isEqualTo("/file\\!with\\*weird\\#naming_\\[1\\].t\\?t\n/mod\u00e8le final.pkl\\ \n");
            assertThat(git.status().call().getUntracked())
                    .containsExactlyInAnyOrder(".gitignore", "file!with_other#naming_[1].txt");
        }
    }

    @Test
    public void shouldNeverWriteThroughALinkedIgnoreFileOrDirectory() throws Exception {
        Path repo = temp.newFolder("repo").toPath();
        Path outside = temp.newFolder("outside").toPath();
        Files.writeString(outside.resolve("secret"), "do not touch\n");
        TestRepos.write(repo, "model.pkl", "weights");
        Files.createSymbolicLink(repo.resolve(".gitignore"), outside.resolve("secret"));
        Files.createSymbolicLink(repo.resolve("linked"), outside);

        assertThatThrownBy(() -> GitIgnores.ensureListed(repo, repo.resolve("model.pkl")))
                .isInstanceOf(MlciException.class).hasMessageContaining(".gitignore");
        assertThatThrownBy(() -> GitIgnores.ensureListed(repo, repo.resolve("linked/secret")))
                .isInstanceOf(MlciException.class).hasMessageContaining("linked");

        assertThat(Files.readString(outside.resolve("secret"))).isEqualTo("do not touch\n");
        assertThat(outside.resolve(".gitignore")).doesNotExist();
        assertThat(Files.isSymbolicLink(repo.resolve(".gitignore"))).isTrue();
    }

    @Test
    public void shouldRefuseAnIgnoreFileTooLargeToBeHandWritten() throws Exception {
        Path repo = temp.newFolder("repo").toPath();
        TestRepos.write(repo, "model.pkl", "weights");
        Files.write(repo.resolve(".gitignore"), new byte[GitIgnores.MAX_BYTES + 1]);

        assertThatThrownBy(() -> GitIgnores.ensureListed(repo, repo.resolve("model.pkl")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining(".gitignore")
                .hasMessageContaining("larger than");
    }
}
