package io.mlci.core.data.hash;

import java.util.Objects;

/**
 * Names a content-addressed object: an md5 (with the {@code .dir} suffix for directory
 * listings) and the hash variant that produced it, which decides where the object lives in the
 * cache and on the remote.
 */
public record ObjectId(String value, HashAlgorithm algorithm) {

    public ObjectId {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(algorithm, "algorithm");
        String md5 = value.endsWith(DirListing.SUFFIX) ? value.substring(0, value.length() - DirListing.SUFFIX.length()) : value;
        if (!Hex.isMd5(md5)) {
            throw new IllegalArgumentException("not an md5 object id: '" + value + "'");
        }
    }

    public boolean isDir() {
        return value.endsWith(DirListing.SUFFIX);
    }

    /** The md5 the object's bytes must have (the id without {@code .dir}). */
    public String contentMd5() {
        return isDir() ? value.substring(0, value.length() - DirListing.SUFFIX.length()) : value;
    }

    /** Relative storage path {@code xx/rest}, shared by the cache and remote layouts. */
    public String shardedPath() {
        return value.substring(0, 2) + "/" + value.substring(2);
    }

    @Override
    public String toString() {
        return value;
    }
}
