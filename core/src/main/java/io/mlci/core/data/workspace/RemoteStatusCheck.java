package io.mlci.core.data.workspace;

import io.mlci.core.data.cache.ObjectCache;
import io.mlci.core.data.hash.DirEntry;
import io.mlci.core.data.hash.ObjectId;
import io.mlci.core.data.pointer.Output;
import io.mlci.core.data.transfer.Transfer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Compares the objects of outputs with what one remote holds, optionally re-hashing them there. */
final class RemoteStatusCheck {

    private final ObjectCache cache;
    private final Transfer transfer;
    private final String remote;

    RemoteStatusCheck(ObjectCache cache, Transfer transfer, String remote) {
        this.cache = cache;
        this.transfer = transfer;
        this.remote = remote;
    }

    List<RemoteStatus> check(List<Output> outputs, boolean verify) {
        Map<Output, Set<ObjectId>> objects = new LinkedHashMap<>();
        Set<ObjectId> all = new LinkedHashSet<>();
        for (Output output : outputs) {
            Set<ObjectId> ids = objectsOf(output);
            objects.put(output, ids);
            all.addAll(ids);
        }
        Set<ObjectId> present = transfer.presentOnRemote(all);
        Set<ObjectId> corrupt = verify ? transfer.corruptOnRemote(present) : Set.of();
        List<RemoteStatus> statuses = new ArrayList<>();
        objects.forEach((output, ids) -> statuses.add(new RemoteStatus(output, remote, ids.size(),
                (int) ids.stream().filter(id -> !present.contains(id)).count(),
                (int) ids.stream().filter(corrupt::contains).count(),
                !output.isDirectory() || cache.containsVerified(output.objectId()))));
        return statuses;
    }

    /** A file's own object; a directory's listing and, when the listing is cached, its files. */
    private Set<ObjectId> objectsOf(Output output) {
        Set<ObjectId> ids = new LinkedHashSet<>();
        ids.add(output.objectId());
        if (output.isDirectory() && cache.containsVerified(output.objectId())) {
            for (DirEntry entry : cache.readListing(output.objectId()).entries()) {
                ids.add(new ObjectId(entry.md5(), output.algorithm()));
            }
        }
        return ids;
    }
}
