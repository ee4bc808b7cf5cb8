package io.mlci.core.data.workspace;

import io.mlci.core.data.pointer.DvcConfig;
import io.mlci.core.storage.BlobNotFoundException;
import io.mlci.core.storage.FileTrees;
import io.mlci.core.testing.S3TestServer;
import io.mlci.core.testing.TestRepos;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Status inside directories and against a remote, fetch, pull --allow-missing and --glob, push --verify. */
public class StatusFetchVerifyTest {

    private static final String BAR = "37b51d194a7513e45b56f6524f2d51f2";

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private Path repo;

    private DataWorkspace open() {
        return DataWorkspace.open(repo, DataOptions.defaults());
    }

    private void track(String... paths) throws Exception {
        try (DataWorkspace workspace = open()) {
            for (String path : paths) {
                workspace.add(repo.resolve(path));
            }
        }
    }

    private Path localRemote() throws Exception {
        Path remote = temp.newFolder("remote").toPath().toRealPath();
        DvcConfig.addRemote(repo.resolve(".dvc"), "store", remote.toString(), true);
        return remote;
    }

    private void newRepo() throws Exception {
        repo = temp.newFolder("repo").toPath().toRealPath();
        TestRepos.write(repo, "data/a.csv", "a");
        TestRepos.write(repo, "data/sub/b.csv", "b");
        TestRepos.write(repo, "data/c.csv", "c");
        TestRepos.write(repo, "images/x.png", "x");
        TestRepos.write(repo, "model.bin", "weights");
    }

    @Test
    public void shouldNameTheFilesThatChangedInsideATrackedDirectory() throws Exception {
        newRepo();
        track("data");
        TestRepos.write(repo, "data/a.csv", "changed");
        TestRepos.write(repo, "data/new.csv", "new");
        TestRepos.write(repo, "data/other.csv", "other");
        Files.delete(repo.resolve("data/sub/b.csv"));

        List<OutputStatus> statuses;
        try (DataWorkspace workspace = open()) {
            statuses = workspace.status(List.of());
        }

        DirChanges changes = statuses.get(0).changes();
        assertThat(changes.added()).containsExactly("new.csv", "other.csv");
        assertThat(changes.modified()).containsExactly("a.csv");
        assertThat(changes.deleted()).containsExactly("sub/b.csv");
        assertThat(changes.summary()).isEqualTo("2 new, 1 modified, 1 deleted");
    }

    @Test
    public void shouldFetchIntoTheCacheOnlyAndPullWhatTheRemoteHasWithAllowMissing() throws Exception {
        newRepo();
        track("data", "images", "model.bin");
        Path remote = localRemote();
        try (DataWorkspace workspace = open()) {
            workspace.push(null, List.of());
        }
        // The remote lost one file of 'data'; 'images' and 'model.bin' are whole.
        Files.delete(remote.resolve("files/md5/92/eb5ffee6ae2fec3ad71c777531578f"));
        FileTrees.delete(repo.resolve(".dvc/cache"));
        FileTrees.delete(repo.resolve("data"));
        FileTrees.delete(repo.resolve("images"));
        Files.delete(repo.resolve("model.bin"));

        try (DataWorkspace workspace = open()) {
            PullResult fetched = workspace.fetch(null, List.of("model.bin"), false);
            assertThat(fetched.transfer().transferred()).isEqualTo(1);
            assertThatThrownBy(() -> workspace.fetch(null, List.of(), false)).isInstanceOf(BlobNotFoundException.class)
                    .hasMessageContaining("files/md5/92/eb5ffee6ae2fec3ad71c777531578f");
        }
        assertThat(repo.resolve("model.bin")).doesNotExist();

        PullResult pulled;
        try (DataWorkspace workspace = open()) {
            pulled = workspace.pull(null, List.of(), false, true);
        }
        assertThat(pulled.skipped()).containsExactly("data");
        assertThat(repo.resolve("images/x.png")).hasContent("x");
        assertThat(repo.resolve("model.bin")).hasContent("weights");
        assertThat(repo.resolve("data")).doesNotExist();
    }

    @Test
    public void shouldSelectTargetsByGlob() throws Exception {
        newRepo();
        track("data", "images", "model.bin");
        try (DataWorkspace workspace = open()) {
            assertThat(workspace.expandGlobs(List.of("*a*"))).containsExactlyInAnyOrder("data", "images");
            assertThat(workspace.expandGlobs(List.of("*.bin"))).containsExactly("model.bin");
            assertThatThrownBy(() -> workspace.expandGlobs(List.of("nothing*"))).hasMessageContaining("matches no tracked path");
        }
    }

    @Test
    public void shouldReportMissingAndCorruptObjectsOnS3AndRepairThemWithPushVerify() throws Exception {
        newRepo();
        track("data", "model.bin");
        try (S3TestServer server = S3TestServer.start(temp.newFolder("s3").toPath())) {
            server.createBucket("ml-data");
            DvcConfig.addRemote(repo.resolve(".dvc"), "s3store", "s3://ml-data/project", true);
            Files.writeString(repo.resolve(".dvc/config"), "    endpointurl = " + server.endpoint() + "\n    region = us-east-1\n"
                    + "    access_key_id = " + S3TestServer.ACCESS_KEY + "\n    secret_access_key = " + S3TestServer.SECRET_KEY
                    + "\n", StandardOpenOption.APPEND);
            try (DataWorkspace workspace = open()) {
                List<RemoteStatus> before = workspace.remoteStatus(null, List.of(), false);
                assertThat(before).extracting(RemoteStatus::missing).containsExactly(4, 1); // 3 files + listing; model.bin
                workspace.push(null, List.of("model.bin"));
                workspace.push(null, List.of("data"));
            }
            // Damage data/sub/b.csv ("b") where S3Proxy keeps it on disk.
            Path stored = temp.getRoot().toPath().resolve("s3/ml-data/project/files/md5/92/eb5ffee6ae2fec3ad71c777531578f");
            assertThat(stored).hasContent("b");
            Files.writeString(stored, "B");

            try (DataWorkspace workspace = open()) {
                assertThat(workspace.remoteStatus(null, List.of(), false)).allMatch(RemoteStatus::inSync);
                List<RemoteStatus> verified = workspace.remoteStatus(null, List.of(), true);
                assertThat(verified).extracting(RemoteStatus::corrupt).containsExactly(1, 0);

                assertThat(workspace.push(null, List.of(), true).transferred()).isEqualTo(1);

                assertThat(workspace.remoteStatus(null, List.of(), true)).allMatch(RemoteStatus::inSync);
            }
            assertThat(stored).hasContent("b");
        }
    }
}
