package io.mlci.core.data.pointer;

import io.mlci.core.storage.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code .dvc} directory as {@code dvc init} lays it out. Whichever command creates it first
 * (a data add, a remote add) also writes its {@code .gitignore}, so the cache, the temporary
 * state and the machine's own {@code config.local} are never committed by a {@code git add -A}.
 */
public final class DvcDirectory {

    private static final String GITIGNORE = "/config.local\n/tmp\n/cache\n";

    private DvcDirectory() {
    }

    /** Creates {@code dvcDir} with an empty config and its .gitignore; an existing directory is left alone. */
    public static void ensure(Path dvcDir) throws IOException {
        if (Files.isDirectory(dvcDir)) {
            return;
        }
        Files.createDirectories(dvcDir);
        AtomicFiles.write(dvcDir.resolve("config"), new byte[0]);
        AtomicFiles.write(dvcDir.resolve(".gitignore"), GITIGNORE.getBytes(StandardCharsets.UTF_8));
    }
}
