package io.mlci.core.data.workspace;

import io.mlci.core.MlciException;
import io.mlci.core.data.cache.ObjectCache;
import io.mlci.core.data.hash.DirEntry;
import io.mlci.core.data.hash.ObjectId;
import io.mlci.core.data.transfer.RemoteLayout;
import io.mlci.core.storage.BlobStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the objects nothing needs: in the cache (and optionally on a remote), those that no
 * pointer names — not the workspace's, and not those of any git ref. A directory's files are
 * known from its listing; when a listing named somewhere cannot be read, nothing is removed,
 * because the files it names cannot be told apart from garbage.
 */
final class GarbageCollection {

    /** Object files as DVC lays them out: {@code xx/yyyy...} under the cache or remote root. */
    private static final Pattern OBJECT = Pattern.compile("[0-9a-f]{2}/[0-9a-f]{30}(\\.dir)?");

    private final ObjectCache cache;

    GarbageCollection(ObjectCache cache) {
        this.cache = cache;
    }

    /** The named objects plus the files of every named directory. */
    Set<ObjectId> expand(Collection<ObjectId> named) {
        Set<ObjectId> used = new LinkedHashSet<>(named);
        List<ObjectId> unreadable = new ArrayList<>();
        for (ObjectId id : named) {
            if (!id.isDir()) {
                continue;
            }
            if (!cache.containsVerified(id)) {
                unreadable.add(id);
                continue;
            }
            for (DirEntry entry : cache.readListing(id).entries()) {
                used.add(new ObjectId(entry.md5(), id.algorithm()));
            }
        }
        if (!unreadable.isEmpty()) {
            throw new MlciException("cannot tell which files " + unreadable.size() + " tracked director"
                    + (unreadable.size() == 1 ? "y holds" : "ies hold") + ": the listing " + unreadable.get(0)
                    + (unreadable.size() > 1 ? " and others are" : " is") + " neither in the cache nor on the remote. "
                    + "Nothing was removed; fetch the listings (e.g. 'mlci data fetch' at the revisions that name them) "
                    + "or check the remote");
        }
        return used;
    }

    /** Cache objects (relative to the cache root) not in {@code used}, with their total size. */
    List<Path> unusedInCache(Set<ObjectId> used) {
        Set<Path> keep = new HashSet<>();
        for (ObjectId id : used) {
            keep.add(cache.pathOf(id));
        }
        List<Path> unused = new ArrayList<>();
        Path root = cache.cacheDir();
        for (Path base : List.of(root.resolve("files").resolve("md5"), root)) {
            if (!Files.isDirectory(base)) {
                continue;
            }
            try (Stream<Path> shards = Files.list(base)) {
                for (Path shard : shards.filter(p -> p.getFileName().toString().matches("[0-9a-f]{2}")).toList()) {
                    try (Stream<Path> objects = Files.list(shard)) {
                        objects.filter(p -> OBJECT.matcher(base.relativize(p).toString().replace('\\', '/')).matches())
                                .filter(p -> !keep.contains(p)).forEach(unused::add);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list the cache " + base, e);
            }
        }
        return unused;
    }

    /** Remote keys in DVC's layout (3.x and 2.x) that no used object has. */
    static List<String> unusedOnRemote(BlobStore remote, Set<ObjectId> used) {
        Set<String> keep = new HashSet<>();
        for (ObjectId id : used) {
            keep.add(RemoteLayout.keyOf(id));
        }
        List<String> unused = new ArrayList<>();
        for (String key : remote.list("")) {
            String object = key.startsWith("files/md5/") ? key.substring("files/md5/".length()) : key;
            if (OBJECT.matcher(object).matches() && !keep.contains(key)) {
                unused.add(key);
            }
        }
        return unused;
    }

    static long sizeOf(List<Path> files) {
        long total = 0;
        for (Path file : files) {
            try {
                total += Files.size(file);
            } catch (IOException e) {
                // removed meanwhile: nothing to count
            }
        }
        return total;
    }
}
