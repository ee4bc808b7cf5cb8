package io.mlci.core.storage;

import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/** Checks keys handed to a store, so a bad key fails the same way on every backend. */
final class Keys {

    private Keys() {
    }

    static String require(String key) {
        if (key == null || key.isEmpty() || key.startsWith("/") || key.contains("\\") || key.contains("\0")) {
            throw new IllegalArgumentException("invalid blob key '" + key + "'");
        }
        for (String segment : key.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("invalid blob key '" + key + "'");
            }
        }
        return key;
    }

    /** Joins a store prefix (possibly empty, no slashes at the ends) and a key. */
    static String join(String prefix, String key) {
        return prefix.isEmpty() ? key : prefix + "/" + key;
    }

    static String trimSlashes(String prefix) {
        String trimmed = prefix == null ? "" : prefix;
        while (trimmed.startsWith("/")) {
            trimmed = trimmed.substring(1);
        }
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }

    /** The distinct first segments after {@code folder} of those keys that go deeper than it, sorted. */
    static List<String> foldersOf(String folder, Collection<String> keys) {
        TreeSet<String> names = new TreeSet<>();
        for (String key : keys) {
            if (!key.startsWith(folder)) {
                continue;
            }
            int slash = key.indexOf('/', folder.length());
            if (slash > folder.length()) {
                names.add(key.substring(folder.length(), slash));
            }
        }
        return List.copyOf(names);
    }
}
