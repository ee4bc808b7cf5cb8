package io.mlci.core.data.hash;

import java.util.Objects;

/** One file of a directory output: its posix path relative to the directory and its md5. */
public record DirEntry(String relpath, String md5, long size) {

    public DirEntry {
        Objects.requireNonNull(relpath, "relpath");
        Objects.requireNonNull(md5, "md5");
    }

    /** Orders by Unicode code point, as Python sorts strings (not by UTF-16 unit as Java does). */
    public static int compareRelpaths(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
