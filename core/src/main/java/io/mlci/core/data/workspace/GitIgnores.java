package io.mlci.core.data.workspace;

import io.mlci.core.storage.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Keeps tracked data out of git, as {@code dvc add} does with a {@code .gitignore} entry. */
final class GitIgnores {

    private GitIgnores() {
    }

    static void ensureListed(Path dir, String entry) throws IOException {
        Path file = dir.resolve(".gitignore");
        String content = Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        if (content.lines().anyMatch(line -> line.strip().equals(entry))) {
            return;
        }
        String updated = content.isEmpty() || content.endsWith("\n") ? content + entry + "\n" : content + "\n" + entry + "\n";
        AtomicFiles.write(file, updated.getBytes(StandardCharsets.UTF_8));
    }
}
