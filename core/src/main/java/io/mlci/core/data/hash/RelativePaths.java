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

    /**
     * Why the path is unsafe, or null. Checked character by character: a listing of 100,000
     * entries is checked on every checkout, and a regular expression per entry (compiled anew by
     * {@code String.matches}/{@code split}) cost more than placing the files.
     */
    static String problem(String relpath) {
        if (relpath.isEmpty()) {
            return "is empty";
        }
        if (relpath.indexOf('\0') >= 0) {
            return "contains a NUL character";
        }
        if (relpath.charAt(0) == '/' || relpath.charAt(0) == '\\' || startsWithDriveLetter(relpath)) {
            return "is absolute; expected a path relative to the repository";
        }
        int segmentStart = 0;
        for (int i = 0; i <= relpath.length(); i++) {
            if (i == relpath.length() || isSeparator(relpath.charAt(i))) {
                if (i - segmentStart == 2 && relpath.charAt(segmentStart) == '.' && relpath.charAt(segmentStart + 1) == '.') {
                    return "escapes its directory through '..'";
                }
                segmentStart = i + 1;
            }
        }
        return null;
    }

    private static boolean isSeparator(char c) {
        return c == '/' || c == '\\';
    }

    /** {@code C:...}: absolute (or drive-relative) on Windows, never a safe relative path. */
    private static boolean startsWithDriveLetter(String relpath) {
        if (relpath.length() < 2 || relpath.charAt(1) != ':') {
            return false;
        }
        char c = relpath.charAt(0);
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }
}
