package io.mlci.core.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** Removes local directory trees, including the read-only files a cache holds. */
public final class FileTrees {

    private FileTrees() {
    }

    /**
     * Deletes the file or directory tree at {@code path}, deepest entries first; absent is fine.
     * Entries that vanish while it works (another process cleaning up too) are fine; a directory
     * that gains an entry meanwhile is walked again, a few times before giving up.
     */
    public static void delete(Path path) throws IOException {
        for (int pass = 1; ; pass++) {
            try {
                deleteOnce(path);
                return;
            } catch (DirectoryNotEmptyException e) {
                if (pass == 3) {
                    throw e;
                }
            }
        }
    }

    private static void deleteOnce(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                remove(file, attributes.isSymbolicLink());
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null && !(e instanceof NoSuchFileException)) {
                    throw e;
                }
                remove(dir, false);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /**
     * Read-only entries (a cache's files) are made writable first; never through a link, whose
     * target may be anywhere.
     */
    private static void remove(Path entry, boolean link) throws IOException {
        if (!link) {
            entry.toFile().setWritable(true);
        }
        try {
            Files.delete(entry);
        } catch (NoSuchFileException e) {
            // gone already
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
        } catch (IOException | UncheckedIOException ignored) {
            // scratch space: see above
        }
    }
}
