package io.mlci.core.pipeline;

import io.mlci.core.InvalidInputException;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Repository-relative posix paths as dvc.yaml uses them: relative to the pipeline file's
 * directory or a stage's {@code wdir}, normalised, and never outside the repository.
 */
final class RepoPath {

    private RepoPath() {
    }

    /** {@code dir/name} normalised; "" is the repository root. */
    static String join(String dir, String name) {
        Deque<String> parts = new ArrayDeque<>();
        for (String part : ((dir.isEmpty() ? "" : dir + "/") + name).split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    return null;
                }
                parts.removeLast();
            } else {
                parts.addLast(part);
            }
        }
        return String.join("/", parts);
    }

    /** Like {@link #join} but fails, naming the field, for absolute paths, URLs and paths that leave the repository. */
    static String resolve(String dir, String name, String file, String field) {
        if (name.isEmpty()) {
            throw new InvalidInputException(file, field, "is empty; expected a path");
        }
        if (name.contains("://")) {
            throw new InvalidInputException(file, field, "'" + name + "' is a URL; only paths inside the repository are supported");
        }
        if (name.startsWith("/") || name.contains("\\") || name.matches("[A-Za-z]:.*")) {
            throw new InvalidInputException(file, field, "'" + name + "' must be a relative path with '/' separators");
        }
        String joined = join(dir, name);
        if (joined == null) {
            throw new InvalidInputException(file, field, "'" + name + "' points outside the repository");
        }
        return joined;
    }

    static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }
}
