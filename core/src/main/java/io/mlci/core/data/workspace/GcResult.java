package io.mlci.core.data.workspace;

import java.util.List;

/**
 * What garbage collection removes — or, in a dry run, would remove.
 *
 * @param cacheObjects cache objects no pointer in the workspace or in git names, relative to the cache
 * @param cacheBytes   their total size
 * @param remote       the remote that was collected too, or null
 * @param remoteKeys   keys on that remote no pointer names
 * @param removed      false for a dry run
 */
public record GcResult(List<String> cacheObjects, long cacheBytes, String remote, List<String> remoteKeys, boolean removed) {

    public GcResult {
        cacheObjects = List.copyOf(cacheObjects);
        remoteKeys = List.copyOf(remoteKeys);
    }
}
