package io.mlci.core.data.workspace;

import io.mlci.core.InvalidInputException;
import io.mlci.core.storage.AtomicFiles;
import io.mlci.core.storage.WorkspacePaths;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Keeps cached data out of git as DVC does after {@code dvc add} and {@code dvc repro}: the
 * {@code .gitignore} beside a tracked file or directory gets the line {@code /name}, so a
 * {@code git add -A} never commits what the cache holds. A path git already ignores, by any rule
 * of any ignore file, gets no line, as with DVC.
 *
 * <p>The user's lines, comments and line endings are kept byte for byte (the file is handled as
 * Latin-1 so that no byte sequence is ever rewritten), an entry already there is not added again,
 * the file is replaced atomically, and neither it nor a directory above it is written through a
 * symbolic link.
 */
public final class GitIgnores {

    /** Larger than any hand-written ignore file; a bigger one is refused rather than read into memory. */
    static final int MAX_BYTES = 4 * 1024 * 1024;
    /** The characters DVC escapes in an entry; a backslash and trailing spaces are escaped too, as git needs. */
    private static final String SPECIAL = "[]!*#?\\";

    private GitIgnores() {
    }

    /**
     * Lists {@code path} (a file or directory inside {@code root}) in the {@code .gitignore} of its
     * directory; returns whether the file changed.
     */
    public static boolean ensureListed(Path root, Path path) {
        WorkspacePaths workspace = new WorkspacePaths(root);
        Path target = workspace.checkParents(path);
        Path file = workspace.checkDirectory(target.getParent()).resolve(".gitignore");
        workspace.refuseLink(file);
        if (GitPaths.ignored(target)) {
            return false; // as DVC: a rule of the user's (*.pkl, /data/) already keeps it out of git
        }
        String entry = entry(target.getFileName().toString());
        try {
            String content = read(file);
            if (content.lines().anyMatch(line -> line.strip().equals(entry))) {
                return false;
            }
            String newline = content.contains("\r\n") ? "\r\n" : "\n";
            String separator = content.isEmpty() || content.endsWith("\n") ? "" : newline;
            AtomicFiles.write(file, (content + separator + entry + newline).getBytes(StandardCharsets.ISO_8859_1));
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** The line for a name, {@code /name}, escaped so that git matches the name literally. */
    static String entry(String name) {
        StringBuilder line = new StringBuilder("/");
        int trailingSpaces = name.length() - name.stripTrailing().length();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (SPECIAL.indexOf(c) >= 0 || (c == ' ' && i >= name.length() - trailingSpaces)) {
                line.append('\\');
            }
            line.append(c);
        }
        // the file is kept as Latin-1, so the entry is spelt as its UTF-8 bytes
        return new String(line.toString().getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    private static String read(Path file) throws IOException {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return "";
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new InvalidInputException(file, null, "is not a regular file; cannot list an output in it");
        }
        if (Files.size(file) > MAX_BYTES) {
            throw new InvalidInputException(file, null, "is larger than " + MAX_BYTES / (1024 * 1024)
                    + " MiB; not read as an ignore file");
        }
        return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
    }
}
