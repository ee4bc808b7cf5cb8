package io.mlci.core.data.workspace;

import io.mlci.core.storage.FileTrees;
import io.mlci.core.InvalidInputException;
import io.mlci.core.MlciException;
import io.mlci.core.data.pointer.DvcConfig;
import io.mlci.core.data.transfer.TransferStats;
import io.mlci.core.data.workspace.OutputStatus.WorkspaceState;
import io.mlci.core.testing.TestRepos;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

public class DataWorkspaceTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private Path repo;
    private Path remote;

    private DataWorkspace open() {
        return DataWorkspace.open(repo, DataOptions.defaults());
    }

    private void setUpTrackedData() throws Exception {
        repo = temp.newFolder("repo").toPath().toRealPath();
        remote = temp.newFolder("remote").toPath().toRealPath();
        TestRepos.write(repo, "data/foo", "foo");
        TestRepos.write(repo, "data/sub/bar", "bar");
        TestRepos.write(repo, "model.bin", "weights");
        try (DataWorkspace workspace = open()) {
            workspace.add(repo.resolve("data"));
            workspace.add(repo.resolve("model.bin"));
        }
        DvcConfig.addRemote(repo.resolve(".dvc"), "local", remote.toString(), true);
    }

    @Test
    public void shouldWritePointerFilesAndGitignoreOnAdd() throws Exception {
        setUpTrackedData();

        assertThat(Files.readString(repo.resolve("data.dvc"))).isEqualTo("outs:\n"
                + "- md5: f4ea1ee8bd6a1b6d1f6fdaa87ba1f8e6.dir\n  size: 6\n  nfiles: 2\n  hash: md5\n  path: data\n"
                .replace("f4ea1ee8bd6a1b6d1f6fdaa87ba1f8e6.dir", expectedDataHash()));
        assertThat(Files.readString(repo.resolve("model.bin.dvc"))).contains("  size: 7\n  hash: md5\n  path: model.bin\n");
        assertThat(Files.readAllLines(repo.resolve(".gitignore"))).containsExactly("/data", "/model.bin");
        assertThat(repo.resolve(".dvc/.gitignore")).exists();
    }

    @Test
    public void shouldRefuseToAddWhatGitAlreadyTracksAndChangeNothing() throws Exception {
        repo = temp.newFolder("repo").toPath().toRealPath();
        try (org.eclipse.jgit.api.Git git = io.mlci.core.testing.GitRepos.init(repo)) {
            TestRepos.write(repo, "model.bin", "weights");
            TestRepos.write(repo, "data/committed.csv", "1\n");
            TestRepos.write(repo, ".gitignore", "# mine\n");
            io.mlci.core.testing.GitRepos.commitAll(git, "data in git");
        }

        for (String path : List.of("model.bin", "data")) {
            try (DataWorkspace workspace = open()) {
                assertThatThrownBy(() -> workspace.add(repo.resolve(path))).isInstanceOf(InvalidInputException.class)
                        .hasMessageContaining(path + ": is already tracked by git")
                        .hasMessageContaining("git rm -r --cached '" + path + "'");
            }
            assertThat(repo.resolve(path + ".dvc")).doesNotExist();
        }
        assertThat(Files.readString(repo.resolve(".gitignore"))).isEqualTo("# mine\n");
        assertThat(repo.resolve(".dvc")).doesNotExist();
    }

    private String expectedDataHash() throws Exception {
        try (DataWorkspace workspace = open()) {
            return workspace.hash(repo.resolve("data")).hash();
        }
    }

    @Test
    public void shouldRoundTripThroughALocalRemoteInDvcLayout() throws Exception {
        setUpTrackedData();
        try (DataWorkspace workspace = open()) {
            TransferStats pushed = workspace.push(null, List.of());
            assertThat(pushed.transferred()).isEqualTo(4); // foo, bar, model.bin, and the .dir listing
        }
        assertThat(remote.resolve("files/md5/ac/bd18db4cc2f85cedef654fccc4a4d8")).hasContent("foo");

        FileTrees.delete(repo.resolve(".dvc/cache"));
        FileTrees.delete(repo.resolve("data"));
        Files.delete(repo.resolve("model.bin"));

        try (DataWorkspace workspace = open()) {
            PullResult pulled = workspace.pull(null, List.of(), false);
            assertThat(pulled.transfer().transferred()).isEqualTo(4);
            assertThat(pulled.placed()).isEqualTo(3);
            assertThat(workspace.verify(List.of())).isEmpty();
        }
        assertThat(repo.resolve("data/sub/bar")).hasContent("bar");
        assertThat(repo.resolve("model.bin")).hasContent("weights");
    }

    @Test
    public void shouldPullDvc2PointersFromTheLegacyRemoteLayout() throws Exception {
        repo = temp.newFolder("legacy").toPath().toRealPath();
        remote = temp.newFolder("legacy-remote").toPath().toRealPath();
        byte[] crlf = "id,label\r\n1,cat\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        // DVC 2.x names text files by the md5 of their LF form, stores the raw bytes at <remote>/xx/rest
        String d2u = io.mlci.core.data.hash.FileHasher.md5Hex("id,label\n1,cat\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        Files.createDirectories(remote.resolve(d2u.substring(0, 2)));
        Files.write(remote.resolve(d2u.substring(0, 2)).resolve(d2u.substring(2)), crlf);
        TestRepos.write(repo, "labels.csv.dvc", "md5: 0123456789abcdef0123456789abcdef\nouts:\n- md5: " + d2u
                + "\n  path: labels.csv\n");
        DvcConfig.addRemote(repo.resolve(".dvc"), "old", remote.toString(), true);

        try (DataWorkspace workspace = open()) {
            assertThat(workspace.pull(null, List.of(), false).placed()).isEqualTo(1);
            assertThat(workspace.verify(List.of())).isEmpty();
        }
        assertThat(Files.readAllBytes(repo.resolve("labels.csv"))).isEqualTo(crlf);
        assertThat(repo.resolve(".dvc/cache").resolve(d2u.substring(0, 2)).resolve(d2u.substring(2))).exists();
    }

    @Test
    public void shouldPushOnlyWhatTheRemoteLacks() throws Exception {
        setUpTrackedData();
        try (DataWorkspace workspace = open()) {
            workspace.push(null, List.of());
            TransferStats again = workspace.push(null, List.of());
            assertThat(again.transferred()).isZero();
            assertThat(again.alreadyPresent()).isEqualTo(4);
        }
    }

    @Test
    public void shouldReportPresentChangedAndMissing() throws Exception {
        setUpTrackedData();
        Files.writeString(repo.resolve("data/foo"), "changed");
        Files.delete(repo.resolve("model.bin"));

        try (DataWorkspace workspace = open()) {
            List<OutputStatus> statuses = workspace.status(List.of());
            assertThat(statuses).extracting(s -> s.tracked().output().workspacePath() + "=" + s.workspace())
                    .containsExactlyInAnyOrder("data=" + WorkspaceState.CHANGED, "model.bin=" + WorkspaceState.MISSING);
            assertThat(statuses).filteredOn(s -> s.workspace() == WorkspaceState.MISSING)
                    .singleElement().extracting(OutputStatus::cache).isEqualTo(OutputStatus.CacheState.CACHED);
        }
    }

    @Test
    public void shouldRestoreChangedFilesFromTheCacheOnPull() throws Exception {
        setUpTrackedData();
        try (DataWorkspace workspace = open()) {
            workspace.push(null, List.of());
        }
        Files.delete(repo.resolve("data/foo"));
        TestRepos.write(repo, "data/sub/bar", "foo"); // now holds content that is in the cache

        try (DataWorkspace workspace = open()) {
            PullResult result = workspace.pull(null, List.of(), false);
            assertThat(result.transfer().transferred()).isZero();
            assertThat(result.placed()).isEqualTo(2);
        }
        assertThat(repo.resolve("data/foo")).hasContent("foo");
        assertThat(repo.resolve("data/sub/bar")).hasContent("bar");
    }

    @Test
    public void shouldRefuseToDiscardUncachedChangesUnlessForced() throws Exception {
        setUpTrackedData();
        try (DataWorkspace workspace = open()) {
            workspace.push(null, List.of());
        }
        TestRepos.write(repo, "data/foo", "precious local edit");
        TestRepos.write(repo, "data/new-file", "also precious");

        try (DataWorkspace workspace = open()) {
            assertThatThrownBy(() -> workspace.pull(null, List.of(), false))
                    .isInstanceOf(MlciException.class)
                    .hasMessageContaining("would be lost")
                    .hasMessageContaining("--force");
        }
        assertThat(repo.resolve("data/foo")).hasContent("precious local edit");
        assertThat(repo.resolve("data/new-file")).exists();

        try (DataWorkspace workspace = open()) {
            PullResult result = workspace.pull(null, List.of(), true);
            assertThat(result.removed()).isEqualTo(1);
        }
        assertThat(repo.resolve("data/foo")).hasContent("foo");
        assertThat(repo.resolve("data/new-file")).doesNotExist();
    }

    @Test
    public void shouldMaterialiseWithEachLinkType() throws Exception {
        setUpTrackedData();
        for (LinkType type : List.of(LinkType.HARDLINK, LinkType.SYMLINK, LinkType.COPY)) {
            FileTrees.delete(repo.resolve("data"));
            try (DataWorkspace workspace = DataWorkspace.open(repo, DataOptions.defaults().withLinkTypes(List.of(type)))) {
                PullResult result = workspace.pull("local", List.of("data.dvc"), false);
                assertThat(result.linkType()).isEqualTo(type);
            }
            Path foo = repo.resolve("data/foo");
            assertThat(foo).as(type.name()).hasContent("foo");
            assertThat(Files.isSymbolicLink(foo)).as(type.name()).isEqualTo(type == LinkType.SYMLINK);
            if (type == LinkType.HARDLINK) {
                assertThat(Files.getAttribute(foo, "unix:nlink")).isEqualTo(2);
            }
            if (type == LinkType.COPY) {
                assertThat(Files.isWritable(foo)).isTrue();
            }
        }
    }

    @Test
    public void shouldFallBackWhenALinkTypeIsNotPossible() throws Exception {
        setUpTrackedData();
        FileTrees.delete(repo.resolve("data"));

        try (DataWorkspace workspace = DataWorkspace.open(repo,
                DataOptions.defaults().withLinkTypes(List.of(LinkType.REFLINK, LinkType.COPY)))) {
            PullResult result = workspace.pull(null, List.of("data"), false);
            assertThat(result.linkType()).isIn(LinkType.REFLINK, LinkType.COPY);
        }
        assertThat(repo.resolve("data/foo")).hasContent("foo");
    }

    @Test
    public void shouldCheckOutFromTheCacheWithoutARemote() throws Exception {
        setUpTrackedData();
        Files.delete(repo.resolve(".dvc/config"));
        FileTrees.delete(repo.resolve("data"));

        try (DataWorkspace workspace = open()) {
            PullResult result = workspace.checkout(List.of(), false);
            assertThat(result.placed()).isEqualTo(2);
            assertThat(result.unchanged()).isEqualTo(1);
        }
        assertThat(repo.resolve("data/sub/bar")).hasContent("bar");
    }

    @Test
    public void shouldRememberTheDirectoryHashAfterALinkCheckoutButNotAfterCopies() throws Exception {
        setUpTrackedData();
        try (var objects = Files.walk(repo.resolve(".dvc/cache/files"))) {
            for (Path object : objects.filter(Files::isRegularFile).toList()) {
                Files.setLastModifiedTime(object, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 60_000));
            }
        }
        Path trees = repo.resolve(".dvc/tmp/mlci/tree-cache");
        for (LinkType type : List.of(LinkType.COPY, LinkType.HARDLINK)) {
            FileTrees.delete(repo.resolve("data"));
            Files.deleteIfExists(trees);
            try (DataWorkspace workspace = DataWorkspace.open(repo, DataOptions.defaults().withLinkTypes(List.of(type)))) {
                workspace.checkout(List.of("data"), false);
            }
            assertThat(Files.exists(trees)).as(type.name()).isEqualTo(type == LinkType.HARDLINK);
        }
        try (DataWorkspace workspace = open()) {
            assertThat(workspace.status(List.of("data"))).singleElement()
                    .extracting(OutputStatus::workspace).isEqualTo(WorkspaceState.PRESENT);
        }
    }

    @Test
    public void shouldBuildAMissingDirectoryOutOfSightAndCleanUpAfterKilledRuns() throws Exception {
        setUpTrackedData();
        FileTrees.delete(repo.resolve("data"));
        Path leftover = TestRepos.write(repo, io.mlci.core.storage.AtomicFiles.TEMP_MARKER + "999999999-1-data/foo", "f");

        try (DataWorkspace workspace = DataWorkspace.open(repo, DataOptions.defaults().withLinkTypes(List.of(LinkType.COPY)))) {
            PullResult result = workspace.checkout(List.of("data"), false);
            assertThat(result.placed()).isEqualTo(2);
        }

        assertThat(repo.resolve("data/sub/bar")).hasContent("bar");
        assertThat(leftover.getParent()).doesNotExist();
        try (var names = Files.list(repo)) {
            assertThat(names.map(p -> p.getFileName().toString()))
                    .noneMatch(name -> name.startsWith(io.mlci.core.storage.AtomicFiles.TEMP_MARKER));
        }
    }

    @Test
    public void shouldRefuseToCheckOutWhatTheCacheLacks() throws Exception {
        setUpTrackedData();
        FileTrees.delete(repo.resolve(".dvc/cache"));
        Files.delete(repo.resolve("model.bin"));

        try (DataWorkspace workspace = open()) {
            assertThatThrownBy(() -> workspace.checkout(List.of("model.bin"), false))
                    .isInstanceOf(MlciException.class)
                    .hasMessageContaining("not in the cache")
                    .hasMessageContaining("pull");
        }
    }

    @Test
    public void shouldSelectTargetsByPointerOrPath() throws Exception {
        setUpTrackedData();
        try (DataWorkspace workspace = open()) {
            assertThat(workspace.outputs(List.of("model.bin.dvc"))).hasSize(1);
            assertThat(workspace.outputs(List.of("data"))).hasSize(1);
            assertThatThrownBy(() -> workspace.outputs(List.of("nothing.dvc")))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("nothing.dvc");
        }
    }

    @Test
    public void shouldRefuseToTrackPathsOutsideTheRepositoryOrTheRootItself() throws Exception {
        setUpTrackedData();
        Path outside = temp.newFolder("elsewhere").toPath().toRealPath();
        Files.writeString(outside.resolve("secret"), "x");

        try (DataWorkspace workspace = open()) {
            assertThatThrownBy(() -> workspace.add(outside.resolve("secret")))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("not inside the repository");
            assertThatThrownBy(() -> workspace.add(repo))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("not inside the repository");
            assertThatThrownBy(() -> workspace.add(repo.resolve("no-such-file")))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("does not exist");
        }
    }

    @Test
    public void shouldFailClearlyWithoutARemote() throws Exception {
        setUpTrackedData();
        Files.delete(repo.resolve(".dvc/config"));

        try (DataWorkspace workspace = open()) {
            assertThatThrownBy(() -> workspace.push(null, List.of()))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("no default remote");
        }
    }

    @Test
    public void shouldReportAMissingObjectOnTheRemote() throws Exception {
        setUpTrackedData();
        FileTrees.delete(repo.resolve(".dvc/cache"));
        FileTrees.delete(repo.resolve("data"));

        try (DataWorkspace workspace = open()) {
            assertThatThrownBy(() -> workspace.pull(null, List.of("data"), false))
                    .isInstanceOf(MlciException.class)
                    .hasMessageContaining("no object");
        }
    }

    @Test
    public void shouldFindAndVerifyCorruptedCacheObjects() throws Exception {
        setUpTrackedData();
        Path object = repo.resolve(".dvc/cache/files/md5/ac/bd18db4cc2f85cedef654fccc4a4d8");
        corrupt(object);

        try (DataWorkspace workspace = open()) {
            List<VerifyProblem> problems = workspace.verify(List.of());
            assertThat(problems).singleElement().extracting(VerifyProblem::path).isEqualTo("data/foo");
        }
    }

    /** Flips bytes in place, as a stray write would (which also moves the mtime on). */
    private static void corrupt(Path object) throws Exception {
        object.toFile().setWritable(true);
        Files.writeString(object, "fox");
        Files.setLastModifiedTime(object, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5_000));
    }

    @Test
    public void shouldRepairACorruptedCacheObjectOnPull() throws Exception {
        setUpTrackedData();
        try (DataWorkspace workspace = open()) {
            workspace.push(null, List.of());
        }
        Path object = repo.resolve(".dvc/cache/files/md5/ac/bd18db4cc2f85cedef654fccc4a4d8");
        corrupt(object);
        FileTrees.delete(repo.resolve("data"));

        try (DataWorkspace workspace = open()) {
            PullResult result = workspace.pull(null, List.of(), false);
            assertThat(result.transfer().transferred()).isEqualTo(1);
        }
        assertThat(repo.resolve("data/foo")).hasContent("foo");
        assertThat(object).hasContent("foo");
    }
}
