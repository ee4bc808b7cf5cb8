package io.mlci.core.data.workspace;

import io.mlci.core.MlciException;
import io.mlci.core.data.pointer.DvcConfig;
import io.mlci.core.storage.FileTrees;
import io.mlci.core.testing.TestRepos;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A pull request replaces part of the working tree by a symbolic link to a directory outside the
 * repository, then the build pulls the tracked data: at the file, at the tracked directory, at a
 * directory inside it, above it, and at the cache itself. Each pull is refused naming the link and
 * its target, and nothing is written outside the repository.
 */
public class SymlinkAttackTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private Path repo;
    private Path outside;

    @Before
    public void trackedDataPushedToARemote() throws Exception {
        repo = temp.newFolder("repo").toPath().toRealPath();
        Path remote = temp.newFolder("remote").toPath().toRealPath();
        outside = temp.newFolder("outside").toPath().toRealPath();
        TestRepos.write(repo, "data/top", "top");
        TestRepos.write(repo, "data/sub/a", "a");
        TestRepos.write(repo, "data/sub/b", "b");
        TestRepos.write(repo, "models/weights.bin", "weights");
        try (DataWorkspace workspace = open()) {
            workspace.add(repo.resolve("data"));
            workspace.add(repo.resolve("models/weights.bin"));
        }
        DvcConfig.addRemote(repo.resolve(".dvc"), "local", remote.toString(), true);
        try (DataWorkspace workspace = open()) {
            workspace.push(null, List.of());
        }
        FileTrees.delete(repo.resolve("data"));
        Files.delete(repo.resolve("models/weights.bin"));
    }

    private DataWorkspace open() {
        return DataWorkspace.open(repo, DataOptions.defaults());
    }

    private void pullRefused(String link, String target) {
        assertThatThrownBy(() -> {
            try (DataWorkspace workspace = open()) {
                workspace.pull(null, List.of(), false);
            }
        }).isInstanceOf(MlciException.class)
                .hasMessageContaining(link + " is a symbolic link to " + target + ", which mlci did not create");
    }

    private List<Path> writtenOutside() throws Exception {
        try (Stream<Path> files = Files.walk(outside)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    public void shouldRefuseADirectoryInsideTheTrackedDirectoryThatIsALink() throws Exception {
        Files.createDirectories(repo.resolve("data"));
        Files.createSymbolicLink(repo.resolve("data/sub"), outside);

        pullRefused("data/sub", outside.toString());

        assertThat(writtenOutside()).isEmpty();
    }

    @Test
    public void shouldRefuseATrackedDirectoryThatIsALink() throws Exception {
        Files.createSymbolicLink(repo.resolve("data"), outside);

        assertThatThrownBy(() -> {
            try (DataWorkspace workspace = open()) {
                workspace.pull(null, List.of(), false);
            }
        }).hasMessageContaining("data.dvc: field 'outs[0].path': path 'data' is a symbolic link to outside the repository");

        assertThat(writtenOutside()).isEmpty();
    }

    @Test
    public void shouldRefuseAParentOfATrackedFileThatIsALink() throws Exception {
        // a pointer at the root that names a file in a subdirectory, whose directory is then a link
        String pointer = Files.readString(repo.resolve("models/weights.bin.dvc"));
        Files.writeString(repo.resolve("weights.dvc"), pointer.replace("path: weights.bin", "path: models/weights.bin"));
        FileTrees.delete(repo.resolve("models"));
        Files.createSymbolicLink(repo.resolve("models"), outside);

        assertThatThrownBy(() -> {
            try (DataWorkspace workspace = open()) {
                workspace.pull(null, List.of(), false);
            }
        }).isInstanceOf(MlciException.class).hasMessageContaining("models").hasMessageContaining("symbolic link");

        assertThat(writtenOutside()).isEmpty();
    }

    @Test
    public void shouldRefuseATrackedFileThatIsALinkOutside() throws Exception {
        Path victim = outside.resolve("victim");
        Files.writeString(victim, "precious");
        Files.createSymbolicLink(repo.resolve("models/weights.bin"), victim);

        assertThatThrownBy(() -> {
            try (DataWorkspace workspace = open()) {
                workspace.pull(null, List.of(), false);
            }
        }).hasMessageContaining("path 'weights.bin' is a symbolic link to outside the repository");

        assertThat(victim).hasContent("precious");
        assertThat(writtenOutside()).containsExactly(victim);
    }

    @Test
    public void shouldRefuseACacheThatIsALink() throws Exception {
        FileTrees.delete(repo.resolve(".dvc/cache"));
        Files.createSymbolicLink(repo.resolve(".dvc/cache"), outside);

        pullRefused(".dvc/cache", outside.toString());

        assertThat(writtenOutside()).isEmpty();
    }

    @Test
    public void shouldStillReplaceTheLinksItsOwnSymlinkCheckoutMade() throws Exception {
        try (DataWorkspace workspace = DataWorkspace.open(repo, DataOptions.defaults().withLinkTypes(List.of(LinkType.SYMLINK)))) {
            workspace.pull(null, List.of(), false);
        }
        assertThat(Files.isSymbolicLink(repo.resolve("models/weights.bin"))).isTrue();

        Files.delete(repo.resolve("data/sub/a")); // one file to place again, beside links it made itself
        try (DataWorkspace workspace = DataWorkspace.open(repo, DataOptions.defaults().withLinkTypes(List.of(LinkType.SYMLINK)))) {
            assertThat(workspace.pull(null, List.of(), false).placed()).isEqualTo(1);
        }

        assertThat(repo.resolve("models/weights.bin")).hasContent("weights");
        assertThat(repo.resolve("data/sub/a")).hasContent("a");
    }
}
