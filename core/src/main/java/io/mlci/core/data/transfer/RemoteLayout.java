package io.mlci.core.data.transfer;

import io.mlci.core.data.hash.HashAlgorithm;
import io.mlci.core.data.hash.ObjectId;

/**
 * Where objects live on a remote, as DVC lays them out: DVC 3.x objects under
 * {@code files/md5/xx/rest}, DVC 2.x objects directly under {@code xx/rest}.
 */
public final class RemoteLayout {

    private RemoteLayout() {
    }

    public static String keyOf(ObjectId id) {
        return id.algorithm() == HashAlgorithm.MD5 ? "files/md5/" + id.shardedPath() : id.shardedPath();
    }

    /** The listing prefix of the shard an object is in. */
    public static String shardPrefix(ObjectId id) {
        String key = keyOf(id);
        return key.substring(0, key.lastIndexOf('/') + 1);
    }
}
