package io.mlci.core.data.workspace;

import io.mlci.core.InvalidInputException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How a cached object appears in the workspace; DVC's {@code cache.type} values. */
public enum LinkType {
    /** Copy-on-write clone: instant, no extra space, independent of the cache (btrfs, XFS, APFS). */
    REFLINK,
    /** Same inode as the cache object: instant, no extra space, read-only in the workspace. */
    HARDLINK,
    /** A symbolic link to the cache object. */
    SYMLINK,
    /** An independent writable copy. */
    COPY;

    /** DVC's default when {@code cache.type} is unset. */
    public static final List<LinkType> DVC_DEFAULT = List.of(REFLINK, COPY);

    /** Parses DVC's comma-separated list, e.g. {@code hardlink,symlink}. */
    public static List<LinkType> parseList(String value, String source) {
        List<LinkType> types = new ArrayList<>();
        for (String part : value.split(",")) {
            String name = part.strip().toUpperCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            try {
                types.add(LinkType.valueOf(name));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(source, "cache.type", "unknown link type '" + part.strip()
                        + "'; expected a comma-separated list of reflink, hardlink, symlink, copy");
            }
        }
        if (types.isEmpty()) {
            throw new InvalidInputException(source, "cache.type", "is empty; expected e.g. 'reflink,copy'");
        }
        return types;
    }
}
