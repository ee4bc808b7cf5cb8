package io.mlci.core.data.workspace;

import io.mlci.core.InvalidInputException;
import io.mlci.core.data.pointer.DvcFile;
import io.mlci.core.testing.TestRepos;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code data add} on paths that already have pointers written by DVC or by hand: what people
 * wrote must survive, imports and overlapping outputs are refused with nothing changed.
 */
public class ReAddTest {

    /** md5 of "foo", "bar" and of the directory {bar: "bar", foo: "foo"} (DVC's own test values). */
    private static final String FOO = "acbd18db4cc2f85cedef654fccc4a4d8";
    private static final String BAR = "37b51d194a7513e45b56f6524f2d51f2";
    private static final String FOO_BAR_DIR = "5ea40360f5b4ec688df672a4db9c17d1.dir";

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private Path repo() throws Exception {
        Path repo = temp.getRoot().toPath().toRealPath();
        Files.createDirectories(repo.resolve(".dvc"));
        return repo;
    }

    private static void add(Path repo, String path) {
        try (DataWorkspace workspace = DataWorkspace.open(repo, DataOptions.defaults())) {
            workspace.add(repo.resolve(path));
        }
    }

    @Test
    public void shouldKeepEverythingAHandAnnotatedPointerSaysExceptTheHash() throws Exception {
        Path repo = repo();
        // The annotated layout of DVC's .dvc file reference: indented list, comments, desc/type/labels/meta.
        String annotated = "# Cats and dogs, from the 2013 Kaggle competition\n"
                + "desc: Training images\n"
                + "meta:\n  owner: vision-team\n  license: CC-BY-4.0\n"
                + "outs:\n"
                + "  - md5: " + FOO + "  # the first snapshot\n"
                + "    size: 3\n"
                + "    hash: md5\n"
                + "    path: data.xml\n"
                + "    desc: cats and dogs dataset\n"
                + "    type: dataset\n"
                + "    labels:\n      - cats\n      - dogs\n"
                + "    meta:\n      source: kaggle\n"
                + "    remote: archive\n"
                + "    x-review: keep me\n"
                + "x-team-note: unknown top-level keys stay too\n";
        Files.writeString(repo.resolve("data.xml.dvc"), annotated);
        TestRepos.write(repo, "data.xml", "barbar");

        add(repo, "data.xml");

        String md5OfBarbar = "5426824942db4253f87a1009fd5d2d4f";
        assertThat(Files.readString(repo.resolve("data.xml.dvc"))).isEqualTo(annotated
                .replace(FOO, md5OfBarbar).replace("    size: 3\n", "    size: 6\n"));
        assertThat(DvcFile.read(repo, repo.resolve("data.xml.dvc")).outs().get(0).remote()).isEqualTo("archive");
    }

    @Test
    public void shouldRewriteALegacyDirectoryPointerAsDvc3KeepingItsOrder() throws Exception {
        Path repo = repo();
        // As DVC 2.x wrote it (no 'hash' key), with a per-output remote and push flag.
        Files.writeString(repo.resolve("data.dvc"), "outs:\n- md5: 0123456789abcdef0123456789abcdef.dir\n"
                + "  size: 3\n  nfiles: 1\n  path: data\n  remote: s3store\n  push: false\n");
        TestRepos.write(repo, "data/foo", "foo");
        TestRepos.write(repo, "data/bar", "bar");

        add(repo, "data");

        assertThat(Files.readString(repo.resolve("data.dvc"))).isEqualTo("outs:\n- md5: " + FOO_BAR_DIR + "\n"
                + "  size: 6\n  nfiles: 2\n  path: data\n  remote: s3store\n  push: false\n  hash: md5\n");
    }

    @Test
    public void shouldDropTheFileCountWhenADirectoryBecomesAFile() throws Exception {
        Path repo = repo();
        Files.writeString(repo.resolve("data.dvc"), "outs:\n- md5: " + FOO_BAR_DIR + "\n  size: 6\n  nfiles: 2\n"
                + "  hash: md5\n  path: data\n  desc: was a directory\n");
        TestRepos.write(repo, "data", "foo");

        add(repo, "data");

        assertThat(Files.readString(repo.resolve("data.dvc"))).isEqualTo("outs:\n- md5: " + FOO + "\n  size: 3\n"
                + "  hash: md5\n  path: data\n  desc: was a directory\n");
    }

    @Test
    public void shouldRefuseALayoutItCannotEditAndChangeNothing() throws Exception {
        Path repo = repo();
        String flow = "outs: [{md5: " + FOO + ", size: 3, hash: md5, path: foo, desc: flow style}]\n";
        Files.writeString(repo.resolve("foo.dvc"), flow);
        TestRepos.write(repo, "foo", "bar");

        assertThatThrownBy(() -> add(repo, "foo")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("foo.dvc").hasMessageContaining("Nothing was changed");
        assertThat(Files.readString(repo.resolve("foo.dvc"))).isEqualTo(flow);
    }

    @Test
    public void shouldRefuseToAddOverAnImport() throws Exception {
        Path repo = repo();
        // What 'dvc import https://github.com/iterative/dataset-registry get-started/data.xml' writes.
        String imported = "md5: 6a4c4bf1b5e0b8cd0d4f8a4ee2f95e3e\nfrozen: true\ndeps:\n- path: get-started/data.xml\n"
                + "  repo:\n    url: https://github.com/iterative/dataset-registry\n"
                + "    rev_lock: f31a3fe11c6ad3b1d7b3e1e3ea4a2d7e0b1b3c5a\n"
                + "outs:\n- md5: " + FOO + "\n  size: 3\n  hash: md5\n  path: data.xml\n";
        Files.writeString(repo.resolve("data.xml.dvc"), imported);
        TestRepos.write(repo, "data.xml", "changed");

        assertThatThrownBy(() -> add(repo, "data.xml")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("data.xml is imported from https://github.com/iterative/dataset-registry; "
                        + "use 'dvc update data.xml.dvc'");
        assertThat(Files.readString(repo.resolve("data.xml.dvc"))).isEqualTo(imported);
        assertThat(repo.resolve(".dvc/cache")).doesNotExist();
    }

    @Test
    public void shouldRefuseAPathInsideATrackedDirectoryNamingBothPointers() throws Exception {
        Path repo = repo();
        TestRepos.write(repo, "data/sub/foo", "foo");
        TestRepos.write(repo, "data/bar", "bar");
        add(repo, "data");

        assertThatThrownBy(() -> add(repo, "data/sub")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("data/sub.dvc").hasMessageContaining("already tracked by data.dvc");
        assertThat(repo.resolve("data/sub.dvc")).doesNotExist();
    }

    @Test
    public void shouldRefuseADirectoryHoldingATrackedPathNamingBothPointers() throws Exception {
        Path repo = repo();
        TestRepos.write(repo, "data/sub/foo", "foo");
        TestRepos.write(repo, "data/bar", "bar");
        add(repo, "data/sub");

        assertThatThrownBy(() -> add(repo, "data")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("data.dvc").hasMessageContaining("already tracked by data/sub.dvc");
        assertThat(repo.resolve("data.dvc")).doesNotExist();
    }

    @Test
    public void shouldReadWdirNamingTheRepositoryRoot() throws Exception {
        Path repo = repo();
        Files.writeString(repo.resolve("foo.dvc"), "wdir: .\nouts:\n- md5: " + FOO + "\n  size: 3\n  hash: md5\n  path: foo\n");
        TestRepos.write(repo, "sub/bar.dvc", "wdir: ..\nouts:\n- md5: " + BAR + "\n  size: 3\n  hash: md5\n  path: bar\n");

        assertThat(DvcFile.read(repo, repo.resolve("foo.dvc")).outs().get(0).workspacePath()).isEqualTo("foo");
        assertThat(DvcFile.read(repo, repo.resolve("sub/bar.dvc")).outs().get(0).workspacePath()).isEqualTo("bar");
    }

    @Test
    public void shouldWriteNothingWhenOnlyHashing() throws Exception {
        Path plain = temp.newFolder("plain").toPath().toRealPath();
        TestRepos.write(plain, "data/foo", "foo");
        TestRepos.write(plain, "data/bar", "bar");
        Path repo = temp.newFolder("repo").toPath().toRealPath();
        Files.createDirectories(repo.resolve(".dvc"));
        TestRepos.write(repo, "data/foo", "foo");

        try (DataWorkspace workspace = DataWorkspace.openReadOnly(plain, DataOptions.defaults())) {
            assertThat(workspace.hash(plain.resolve("data")).hash()).isEqualTo(FOO_BAR_DIR);
        }
        try (DataWorkspace workspace = DataWorkspace.openReadOnly(repo, DataOptions.defaults())) {
            assertThat(workspace.hash(repo.resolve("data/foo")).hash()).isEqualTo(FOO);
        }

        assertThat(plain.resolve(".dvc")).doesNotExist();
        try (var entries = Files.list(repo.resolve(".dvc"))) {
            assertThat(entries).isEmpty();
        }
    }
}
