package io.mlci.core.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removes local directory trees, including the read-only files a cache holds. */
public final class FileTrees {

    private FileTrees() {
    }

    /** Deletes the file or directory tree at {@code path}, deepest entries first; absent is fine. */
    public static void delete(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path entry : walk.sorted(Comparator.comparingInt(Path::getNameCount).reversed()).toList()) {
                entry.toFile().setWritable(true);
                Files.delete(entry);
            }
        }
    }

    /**
     * Deletes scratch space that nothing depends on being gone (temporary directories, staging
     * trees): a failure is left for the OS or the next stale-temporary sweep, not reported.
     * Null is fine.
     */
    public static void deleteQuietly(Path path) {
        if (path == null) {
            return;
        }
        try {
            delete(path);
        } catch (IOException ignored) {
            // scratch space: see above
        }
    }
}
