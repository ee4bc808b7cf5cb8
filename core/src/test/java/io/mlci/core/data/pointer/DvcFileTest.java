package io.mlci.core.data.pointer;

import io.mlci.core.InvalidInputException;
import io.mlci.core.data.hash.HashAlgorithm;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

public class DvcFileTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private Path root() {
        return temp.getRoot().toPath().toAbsolutePath().normalize();
    }

    private Path write(String name, String yaml) throws Exception {
        Path file = root().resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    public void shouldReadADvc3DirectoryOutput() throws Exception {
        Path file = write("data.dvc", "outs:\n- md5: 5ea40360f5b4ec688df672a4db9c17d1.dir\n  size: 6\n  nfiles: 2\n"
                + "  hash: md5\n  path: data\n");

        Output out = DvcFile.read(root(), file).outs().get(0);

        assertThat(out.objectId().value()).isEqualTo("5ea40360f5b4ec688df672a4db9c17d1.dir");
        assertThat(out.isDirectory()).isTrue();
        assertThat(out.algorithm()).isEqualTo(HashAlgorithm.MD5);
        assertThat(out.size()).isEqualTo(6);
        assertThat(out.nfiles()).isEqualTo(2);
        assertThat(out.workspacePath()).isEqualTo("data");
    }

    @Test
    public void shouldReadTheLegacyFormatAsDos2UnixMd5() throws Exception {
        Path file = write("sub/model.pkl.dvc", "md5: 0123456789abcdef0123456789abcdef\nouts:\n"
                + "- md5: acbd18db4cc2f85cedef654fccc4a4d8\n  path: model.pkl\n  cache: true\n  persist: false\n");

        Output out = DvcFile.read(root(), file).outs().get(0);

        assertThat(out.algorithm()).isEqualTo(HashAlgorithm.MD5_DOS2UNIX);
        assertThat(out.workspacePath()).isEqualTo("sub/model.pkl");
        assertThat(out.size()).isEqualTo(-1);
    }

    @Test
    public void shouldIgnoreFieldsItDoesNotActOnInAnyOrder() throws Exception {
        Path file = write("foo.dvc", "outs:\n- path: foo\n  desc: a file\n  remote: backup\n  push: false\n"
                + "  hash: md5\n  isexec: true\n  md5: acbd18db4cc2f85cedef654fccc4a4d8\n  size: 3\n"
                + "  labels: [a, b]\n  meta: {owner: me}\nmeta:\n  anything: goes\n");

        Output out = DvcFile.read(root(), file).outs().get(0);

        assertThat(out.remote()).isEqualTo("backup");
        assertThat(out.push()).isFalse();
        assertThat(out.isexec()).isTrue();
    }

    @Test
    public void shouldReadImportStages() throws Exception {
        Path file = write("raw.dvc", "md5: 7c0a4f7f1dd0c8e0ad0d0b0e7bd6d0c1\nfrozen: true\ndeps:\n- path: datasets/raw\n"
                + "  repo:\n    url: https://github.com/example/registry\n    rev_lock: f2a4e5c7b8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3\n"
                + "outs:\n- md5: 5ea40360f5b4ec688df672a4db9c17d1.dir\n  size: 6\n  nfiles: 2\n  hash: md5\n  path: raw\n");

        DvcFile dvc = DvcFile.read(root(), file);

        assertThat(dvc.frozen()).isTrue();
        assertThat(dvc.imports()).containsExactly(new ImportSource("datasets/raw", "https://github.com/example/registry",
                "f2a4e5c7b8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3"));
        assertThat(dvc.outs()).hasSize(1);
    }

    @Test
    public void shouldRefuseAnUnknownHashType() throws Exception {
        Path file = write("x.dvc", "outs:\n- md5: acbd18db4cc2f85cedef654fccc4a4d8\n  hash: sha256\n  path: x\n");

        assertThatThrownBy(() -> DvcFile.read(root(), file))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("x.dvc")
                .hasMessageContaining("outs[0].hash")
                .hasMessageContaining("sha256");
    }

    @Test
    public void shouldRefuseAMalformedMd5() throws Exception {
        Path file = write("x.dvc", "outs:\n- md5: not-a-hash\n  hash: md5\n  path: x\n");

        assertThatThrownBy(() -> DvcFile.read(root(), file))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("outs[0].md5");
    }

    @Test
    public void shouldNameFileAndLineOfMalformedYaml() throws Exception {
        Path file = write("broken.dvc", "outs:\n- md5: abc\n  path: [unclosed\n");

        assertThatThrownBy(() -> DvcFile.read(root(), file))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("broken.dvc")
                .hasMessageContaining("malformed YAML at line");
    }

    @Test
    public void shouldRefusePathsEscapingTheRepository() throws Exception {
        for (String path : new String[] {"../outside", "/etc/passwd", "a/../../outside"}) {
            Path file = write("esc.dvc", "outs:\n- md5: acbd18db4cc2f85cedef654fccc4a4d8\n  hash: md5\n  path: '" + path + "'\n");
            assertThatThrownBy(() -> DvcFile.read(root(), file))
                    .as(path)
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("esc.dvc")
                    .hasMessageContaining("outs[0].path");
        }
    }

    @Test
    public void shouldAllowParentSegmentsThatStayInside() throws Exception {
        Path file = write("pointers/data.dvc", "outs:\n- md5: acbd18db4cc2f85cedef654fccc4a4d8\n  hash: md5\n  path: ../data/foo\n");

        assertThat(DvcFile.read(root(), file).outs().get(0).workspacePath()).isEqualTo("data/foo");
    }

    @Test
    public void shouldRefusePathsLeavingThroughASymlink() throws Exception {
        Path outside = temp.newFolder("..", "mlci-outside-" + System.nanoTime()).toPath();
        Path repo = root().resolve("repo");
        Files.createDirectories(repo);
        Files.createSymbolicLink(repo.resolve("link"), outside);
        Path file = repo.resolve("d.dvc");
        Files.writeString(file, "outs:\n- md5: acbd18db4cc2f85cedef654fccc4a4d8\n  hash: md5\n  path: link/data\n");

        assertThatThrownBy(() -> DvcFile.read(repo, file))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("symbolic link");
    }

    @Test
    public void shouldTreatAnEmptyFileAsNoOutputs() throws Exception {
        assertThat(DvcFile.read(root(), write("empty.dvc", "")).outs()).isEmpty();
    }
}
