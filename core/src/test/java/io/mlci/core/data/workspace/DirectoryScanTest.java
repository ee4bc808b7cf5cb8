package io.mlci.core.data.workspace;

import io.mlci.core.data.hash.HashAlgorithm;
import io.mlci.core.data.pointer.DvcIgnore;
import io.mlci.core.testing.TestRepos;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

import static org.assertj.core.api.Assertions.assertThat;

public class DirectoryScanTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private Path root;

    private String listedKey(DirectoryScan scan, Path dir) {
        return TreeFingerprint.key(HashAlgorithm.MD5, scan.listFiles(dir));
    }

    private String walkedKey(DirectoryScan scan, Path dir) {
        return TreeFingerprint.key(HashAlgorithm.MD5, scan.fingerprint(dir));
    }

    private void age(Path dir) throws Exception {
        try (var files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
            }
        }
    }

    @Test
    public void shouldFingerprintExactlyWhatItLists() throws Exception {
        root = temp.getRoot().toPath();
        TestRepos.randomFiles(root.resolve("data"), 300, 100, 1);
        TestRepos.write(root, "data/deep/er/still/file.txt", "x");
        TestRepos.write(root, "data/skip.tmp", "ignored");
        TestRepos.write(root, ".dvcignore", "*.tmp\n");
        Files.createSymbolicLink(root.resolve("data/link.bin"), root.resolve("data/deep/er/still/file.txt"));
        age(root.resolve("data"));
        DirectoryScan scan = new DirectoryScan(root, DvcIgnore.load(root), 4);

        assertThat(scan.listFiles(root.resolve("data"))).hasSize(302)
                .noneMatch(file -> file.relpath().endsWith(".tmp"));
        assertThat(walkedKey(scan, root.resolve("data"))).isNotNull().isEqualTo(listedKey(scan, root.resolve("data")));
    }

    @Test
    public void shouldChangeWithAnyFileAndRefuseRacyTrees() throws Exception {
        root = temp.getRoot().toPath();
        TestRepos.randomFiles(root.resolve("data"), 50, 100, 2);
        age(root.resolve("data"));
        DirectoryScan scan = new DirectoryScan(root, DvcIgnore.load(root), 2);
        String before = walkedKey(scan, root.resolve("data"));

        Path file = root.resolve("data/part-0/file-0.bin");
        Files.move(file, root.resolve("data/part-0/renamed.bin"));
        assertThat(walkedKey(scan, root.resolve("data"))).isNotEqualTo(before);
        Files.move(root.resolve("data/part-0/renamed.bin"), file);
        assertThat(walkedKey(scan, root.resolve("data"))).isEqualTo(before);

        Files.writeString(file, "just written");
        assertThat(walkedKey(scan, root.resolve("data"))).as("modified within the racy window").isNull();
    }
}
