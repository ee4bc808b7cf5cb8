package io.mlci.core.data.pointer;

import io.mlci.core.InvalidInputException;
import org.eclipse.jgit.ignore.IgnoreNode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The repository's {@code .dvcignore} (gitignore syntax): paths DVC leaves out of directory
 * hashes and pointer discovery. mlci honours the file at the repository root.
 */
public final class DvcIgnore {

    private static final DvcIgnore NONE = new DvcIgnore(null);

    private final IgnoreNode rules;

    private DvcIgnore(IgnoreNode rules) {
        this.rules = rules;
    }

    public static DvcIgnore load(Path root) {
        Path file = root.resolve(".dvcignore");
        if (!Files.isRegularFile(file)) {
            return NONE;
        }
        IgnoreNode node = new IgnoreNode();
        try (InputStream in = Files.newInputStream(file)) {
            node.parse(file.toString(), in);
        } catch (IOException e) {
            throw new InvalidInputException(file, null, "cannot read: " + e.getMessage());
        }
        return node.getRules().isEmpty() ? NONE : new DvcIgnore(node);
    }

    /** @param repoRelative path relative to the repository root, '/' separated */
    /** Whether there are any rules; without them nothing is ignored and callers can skip building paths. */
    public boolean hasRules() {
        return rules != null;
    }

    public boolean isIgnored(String repoRelative, boolean directory) {
        if (rules == null) {
            return false; // the common case: no .dvcignore, no work per file
        }
        // IgnoreNode answers for one path; a file inside an ignored directory must be checked
        // against each ancestor too.
        String path = repoRelative;
        boolean isDir = directory;
        while (true) {
            Boolean result = rules.checkIgnored(path, isDir);
            if (Boolean.TRUE.equals(result)) {
                return true;
            }
            int slash = path.lastIndexOf('/');
            if (slash < 0) {
                return false;
            }
            path = path.substring(0, slash);
            isDir = true;
        }
    }
}
