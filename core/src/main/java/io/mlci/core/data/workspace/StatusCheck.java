package io.mlci.core.data.workspace;

import io.mlci.core.data.cache.ObjectCache;
import io.mlci.core.data.hash.DirEntry;
import io.mlci.core.data.hash.DirListing;
import io.mlci.core.data.hash.ObjectId;
import io.mlci.core.data.lineage.CommitInfo;
import io.mlci.core.data.lineage.PointerHistory;
import io.mlci.core.data.pointer.Output;
import io.mlci.core.data.pointer.TrackedOutput;
import io.mlci.core.data.workspace.OutputStatus.CacheState;
import io.mlci.core.data.workspace.OutputStatus.WorkspaceState;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/** Compares the workspace with what the pointers name, and says whether the cache can restore it. */
final class StatusCheck {

    private final Path root;
    private final ObjectCache cache;
    private final WorkspaceHasher hasher;
    private final PointerHistory history;

    StatusCheck(Path root, ObjectCache cache, WorkspaceHasher hasher, PointerHistory history) {
        this.root = root;
        this.cache = cache;
        this.hasher = hasher;
        this.history = history;
    }

    List<OutputStatus> check(List<TrackedOutput> tracked) {
        List<OutputStatus> result = new ArrayList<>(tracked.size());
        for (TrackedOutput t : tracked) {
            WorkspaceState workspace = workspaceState(t.output());
            CacheState cacheState = workspace == WorkspaceState.PRESENT || workspace == WorkspaceState.NOT_COMMITTED
                    ? null : cacheState(t.output());
            CommitInfo commit = history.lastChange(root.resolve(t.pointer())).orElse(null);
            DirChanges changes = workspace == WorkspaceState.CHANGED ? dirChanges(t.output()) : null;
            result.add(new OutputStatus(t, workspace, cacheState, commit, changes));
        }
        return result;
    }

    private WorkspaceState workspaceState(Output output) {
        if (output.objectId() == null) {
            return WorkspaceState.NOT_COMMITTED;
        }
        Path path = root.resolve(output.workspacePath());
        BasicFileAttributes attrs = WorkspaceHasher.attributes(path);
        if (attrs == null) {
            return WorkspaceState.MISSING;
        }
        if (attrs.isDirectory() != output.isDirectory()) {
            return WorkspaceState.CHANGED;
        }
        String actual = attrs.isDirectory()
                ? hasher.hash(path, output.algorithm()).hash()
                : hasher.hashFile(path, attrs, output.algorithm());
        return actual.equals(output.objectId().value()) ? WorkspaceState.PRESENT : WorkspaceState.CHANGED;
    }

    /** The files that differ, when both sides are directories and the committed listing is at hand. */
    private DirChanges dirChanges(Output output) {
        Path path = root.resolve(output.workspacePath());
        if (!output.isDirectory() || !Files.isDirectory(path) || !cache.containsVerified(output.objectId())) {
            return null;
        }
        DirListing current = hasher.hashWithListing(path, output.algorithm()).listing();
        return DirChanges.between(cache.readListing(output.objectId()), current);
    }

    private CacheState cacheState(Output output) {
        if (!output.cache()) {
            return CacheState.NOT_CACHED;
        }
        ObjectId id = output.objectId();
        if (!Files.exists(cache.pathOf(id))) {
            return CacheState.MISSING;
        }
        if (!id.isDir()) {
            return CacheState.CACHED;
        }
        DirListing listing = cache.readListing(id);
        long present = 0;
        for (DirEntry entry : listing.entries()) {
            if (Files.exists(cache.pathOf(new ObjectId(entry.md5(), id.algorithm())))) {
                present++;
            }
        }
        if (present == listing.entries().size()) {
            return CacheState.CACHED;
        }
        return present == 0 && !listing.entries().isEmpty() ? CacheState.MISSING : CacheState.PARTIAL;
    }
}
