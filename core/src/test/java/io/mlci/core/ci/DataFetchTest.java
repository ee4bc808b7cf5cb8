package io.mlci.core.ci;

import io.mlci.core.MlciException;
import io.mlci.core.data.workspace.DataOptions;
import io.mlci.core.data.workspace.DataWorkspace;
import io.mlci.core.storage.FileTrees;
import io.mlci.core.testing.TrainingRepos;
import org.eclipse.jgit.api.Git;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

public class DataFetchTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void shouldFetchThePointedVersionsIntoAnEmptyCacheAndSayWhichTheyWere() throws Exception {
        Path repo = TrainingRepos.create(temp.getRoot().toPath());
        try (DataWorkspace data = DataWorkspace.open(repo, DataOptions.defaults())) {
            data.push(null, List.of());
        }
        FileTrees.deleteQuietly(repo.resolve("data"));
        FileTrees.deleteQuietly(repo.resolve(".dvc/cache"));

        DataFetch fetched = DataFetch.pull(repo, DataOptions.defaults(), null, null, List.of());

        assertThat(fetched.transferred()).isEqualTo(3); // a.txt, b.txt and the directory listing
        assertThat(fetched.complete()).isTrue();
        assertThat(repo.resolve("data/a.txt")).hasContent("alpha");
        DataVersion version = fetched.versions().get(0);
        assertThat(version.pointer()).isEqualTo("data.dvc");
        assertThat(version.path()).isEqualTo("data");
        assertThat(version.hash()).endsWith(".dir");
        assertThat(version.status()).isEqualTo("present");
        try (Git git = Git.open(repo.toFile())) {
            assertThat(version.commit()).isEqualTo(git.getRepository().resolve("HEAD").name());
        }
        assertThat(fetched.describe()).contains("3 objects fetched")
                .contains("data  " + version.hash() + "  via data.dvc @ " + version.commit().substring(0, 10));
        assertThat(fetched.lineage()).containsOnlyKeys("data.dvc");
        assertThat(fetched.lineage().get("data.dvc")).containsEntry("path", "data").containsEntry("status", "present")
                .containsEntry("commit", version.commit());
        assertThat(DataFetch.fromJson(fetched.toJson(), "agent")).isEqualTo(fetched);
    }

    @Test
    public void shouldNeverOverwriteWorkspaceChangesThatAreNotInTheCache() throws Exception {
        Path repo = TrainingRepos.create(temp.getRoot().toPath());
        try (DataWorkspace data = DataWorkspace.open(repo, DataOptions.defaults())) {
            data.push(null, List.of());
        }
        Files.writeString(repo.resolve("data/a.txt"), "edited\n");

        assertThatThrownBy(() -> DataFetch.pull(repo, DataOptions.defaults(), null, null, List.of()))
                .isInstanceOf(MlciException.class).hasMessageContaining("data/a.txt");
        assertThat(repo.resolve("data/a.txt")).hasContent("edited");
    }

    @Test
    public void shouldPullFromTheCiServersRemoteWhenTheRepositoryNamesNoDefault() throws Exception {
        Path repo = TrainingRepos.create(temp.getRoot().toPath());
        try (DataWorkspace data = DataWorkspace.open(repo, DataOptions.defaults())) {
            data.push(null, List.of());
        }
        Path config = repo.resolve(".dvc/config");
        Files.writeString(config, Files.readString(config).replaceAll("(?m)^\\s*remote = local\\s*$", ""));
        FileTrees.deleteQuietly(repo.resolve("data"));
        FileTrees.deleteQuietly(repo.resolve(".dvc/cache"));
        try (DataWorkspace data = DataWorkspace.open(repo, DataOptions.defaults())) {
            assertThat(data.defaultRemoteName()).isEmpty();
        }

        DataFetch fetched = DataFetch.pull(repo, DataOptions.defaults(), null, "local", List.of());

        assertThat(fetched.transferred()).isEqualTo(3);
        assertThat(fetched.complete()).isTrue();
    }
}
