package io.mlci.core.storage;

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
}
