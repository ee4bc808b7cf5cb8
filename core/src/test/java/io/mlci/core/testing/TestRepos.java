package io.mlci.core.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Builds workspaces with known files for tests. */
public final class TestRepos {

    private TestRepos() {
    }

    public static Path write(Path root, String relative, String content) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    /** {@code count} files of random sizes up to {@code maxSize}, spread over a few subdirectories. */
    public static void randomFiles(Path dir, int count, int maxSize, long seed) throws IOException {
        Random random = new Random(seed);
        for (int i = 0; i < count; i++) {
            Path file = dir.resolve("part-" + (i % 7)).resolve("file-" + i + ".bin");
            Files.createDirectories(file.getParent());
            byte[] content = new byte[random.nextInt(maxSize + 1)];
            random.nextBytes(content);
            Files.write(file, content);
        }
    }
}
