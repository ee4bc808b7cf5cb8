package io.mlci.core.storage;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

public class FileTreesTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void shouldDeleteReadOnlyFilesAndLinksButNeverWhatALinkNames() throws Exception {
        Path outside = temp.newFile("outside.txt").toPath();
        Files.writeString(outside, "keep me");
        outside.toFile().setWritable(false);
        Path tree = temp.newFolder("tree").toPath();
        Files.createDirectories(tree.resolve("a/b"));
        Path cached = Files.writeString(tree.resolve("a/b/cached"), "x");
        cached.toFile().setWritable(false);
        Files.createSymbolicLink(tree.resolve("a/link"), outside);
        Files.createSymbolicLink(tree.resolve("dirlink"), temp.getRoot().toPath());

        FileTrees.delete(tree);

        assertThat(tree).doesNotExist();
        assertThat(outside).hasContent("keep me");
        assertThat(Files.getPosixFilePermissions(outside)).as("the link's target keeps its permissions")
                .doesNotContain(PosixFilePermission.OWNER_WRITE);
    }

    @Test
    public void shouldNotFailWhenEntriesComeAndGoWhileDeleting() throws Exception {
        // what a background git gc does to its lock file in a repository being removed
        for (int round = 0; round < 20; round++) {
            Path tree = temp.newFolder("repo" + round).toPath();
            Path objects = Files.createDirectories(tree.resolve("objects/pack"));
            for (int i = 0; i < 200; i++) {
                Files.writeString(objects.resolve("o" + i), "x");
            }
            AtomicBoolean stop = new AtomicBoolean();
            Thread churn = new Thread(() -> {
                while (!stop.get()) {
                    try {
                        Path lock = tree.resolve("gc.log.lock");
                        Files.writeString(lock, "1");
                        Files.deleteIfExists(lock);
                    } catch (Exception e) {
                        // the directory is gone: nothing left to churn
                    }
                }
            });
            churn.start();
            try {
                assertThatCode(() -> FileTrees.deleteQuietly(tree)).doesNotThrowAnyException();
            } finally {
                stop.set(true);
                churn.join();
            }
        }
    }

    @Test
    public void shouldTakeAnAbsentPathAsDeleted() throws Exception {
        Path absent = temp.getRoot().toPath().resolve("never-made");

        FileTrees.delete(absent);

        assertThat(absent).doesNotExist();
    }
}
