package io.mlci.core.data.pointer;

import io.mlci.core.storage.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * The {@code .dvc} directory as {@code dvc init} lays it out. Whichever command creates it first
 * (a data add, a remote add, a repro or pull that fills the cache) also writes its
 * {@code .gitignore}, so the cache, the temporary state and the machine's own
 * {@code config.local} are never committed by a {@code git add -A}.
 */
public final class DvcDirectory {

    private static final String GITIGNORE = "/config.local\n/tmp\n/cache\n";

    private DvcDirectory() {
    }

    /**
     * Creates {@code dvcDir} with an empty config and its .gitignore. An existing directory is left
     * alone unless {@link #completeIfUninitialised} applies.
     */
    public static void ensure(Path dvcDir) throws IOException {
        if (!Files.isDirectory(dvcDir)) {
            Files.createDirectories(dvcDir);
        }
        completeIfUninitialised(dvcDir);
    }

    /**
     * A {@code .dvc/} with neither {@code config} nor {@code .gitignore} was not made by
     * {@code dvc init} (which writes both) but by a command that only cached something into it;
     * it gets both files, so its cache and temporary state stay out of git. A directory that has
     * either file is the user's and is left as it is.
     */
    public static void completeIfUninitialised(Path dvcDir) throws IOException {
        if (!Files.isDirectory(dvcDir, LinkOption.NOFOLLOW_LINKS)
                || Files.exists(dvcDir.resolve("config"), LinkOption.NOFOLLOW_LINKS)
                || Files.exists(dvcDir.resolve(".gitignore"), LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        // create-if-absent: a concurrent command completing the same directory is not overwritten
        AtomicFiles.createIfAbsent(dvcDir.resolve("config"), new byte[0]);
        AtomicFiles.createIfAbsent(dvcDir.resolve(".gitignore"), GITIGNORE.getBytes(StandardCharsets.UTF_8));
    }
}
