package io.mlci.core.data.hash;

import io.mlci.core.InvalidInputException;

/**
 * Guards against paths from pointer files and listings that would leave the directory they are
 * relative to: absolute paths, {@code ..} segments, backslashes, empty segments, NUL.
 */
public final class RelativePaths {

    private RelativePaths() {
    }

    public static void requireSafe(String relpath, String source, String field) {
        String problem = problem(relpath);
        if (problem != null) {
            throw new InvalidInputException(source, field, "path '" + relpath + "' " + problem);
        }
    }

    static String problem(String relpath) {
        if (relpath.isEmpty()) {
            return "is empty";
        }
        if (relpath.indexOf('\0') >= 0) {
            return "contains a NUL character";
        }
        if (relpath.startsWith("/") || relpath.matches("^[A-Za-z]:.*") || relpath.startsWith("\\")) {
            return "is absolute; expected a path relative to the repository";
        }
        for (String segment : relpath.split("[/\\\\]", -1)) {
            if (segment.equals("..")) {
                return "escapes its directory through '..'";
            }
        }
        return null;
    }
}
