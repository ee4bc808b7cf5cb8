package io.mlci.core.data.pointer;

import io.mlci.core.InvalidInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resolves paths named in pointer files and refuses any that would land outside the repository:
 * absolute paths, too many {@code ..}, or a symlinked directory that points elsewhere.
 */
public final class RepoPaths {

    private RepoPaths() {
    }

    /**
     * @param root     the repository root (absolute, normalised)
     * @param base     the directory the path is relative to (e.g. the pointer file's directory)
     * @param relative the path as written in the file
     * @return the absolute, normalised path inside the repository
     */
    public static Path resolveInside(Path root, Path base, String relative, Path source, String field) {
        if (relative == null || relative.isEmpty()) {
            throw new InvalidInputException(source, field, "is empty; expected a path inside the repository");
        }
        if (relative.indexOf('\0') >= 0) {
            throw new InvalidInputException(source, field, "contains a NUL character");
        }
        Path given = Path.of(relative.replace('\\', '/'));
        if (given.isAbsolute() || relative.matches("^[A-Za-z]:[\\\\/].*")) {
            throw new InvalidInputException(source, field, "path '" + relative
                    + "' is absolute; expected a path relative to " + base);
        }
        Path resolved = base.resolve(given).normalize();
        if (!resolved.startsWith(root) || resolved.equals(root)) {
            throw new InvalidInputException(source, field, "path '" + relative + "' points outside the repository " + root);
        }
        requireNoSymlinkEscape(root, resolved, relative, source, field);
        return resolved;
    }

    /** The deepest existing ancestor must, after following symlinks, still be in the repository. */
    private static void requireNoSymlinkEscape(Path root, Path resolved, String relative, Path source, String field) {
        try {
            Path realRoot = root.toRealPath();
            Path existing = resolved.getParent();
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            if (existing == null) {
                return;
            }
            if (!existing.toRealPath().startsWith(realRoot)) {
                throw new InvalidInputException(source, field, "path '" + relative
                        + "' leads outside the repository through a symbolic link (" + existing + ")");
            }
            if (Files.isSymbolicLink(resolved) && !resolved.toRealPath().startsWith(realRoot)) {
                throw new InvalidInputException(source, field, "path '" + relative
                        + "' is a symbolic link to outside the repository");
            }
        } catch (IOException e) {
            throw new InvalidInputException(source, field, "cannot resolve '" + relative + "': " + e.getMessage());
        }
    }

    /** The path relative to the root with '/' separators. */
    public static String posix(Path root, Path path) {
        return root.relativize(path).toString().replace('\\', '/');
    }
}
