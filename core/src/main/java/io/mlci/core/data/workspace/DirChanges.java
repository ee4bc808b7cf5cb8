package io.mlci.core.data.workspace;

import io.mlci.core.data.hash.DirEntry;
import io.mlci.core.data.hash.DirListing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Which files of a tracked directory differ from its committed listing, each list sorted by path.
 * Counts are what a reviewer reads first; the paths say which files.
 */
public record DirChanges(List<String> added, List<String> modified, List<String> deleted) {

    public DirChanges {
        added = List.copyOf(added);
        modified = List.copyOf(modified);
        deleted = List.copyOf(deleted);
    }

    static DirChanges between(DirListing committed, DirListing current) {
        Map<String, String> before = committed.entries().stream()
                .collect(Collectors.toMap(DirEntry::relpath, DirEntry::md5, (a, b) -> b));
        Map<String, String> now = current.entries().stream()
                .collect(Collectors.toMap(DirEntry::relpath, DirEntry::md5, (a, b) -> b));
        List<String> added = new ArrayList<>();
        List<String> modified = new ArrayList<>();
        for (Map.Entry<String, String> file : now.entrySet()) {
            String old = before.get(file.getKey());
            if (old == null) {
                added.add(file.getKey());
            } else if (!old.equals(file.getValue())) {
                modified.add(file.getKey());
            }
        }
        List<String> deleted = before.keySet().stream().filter(path -> !now.containsKey(path)).toList();
        return new DirChanges(sorted(added), sorted(modified), sorted(deleted));
    }

    private static List<String> sorted(List<String> paths) {
        return paths.stream().sorted().toList();
    }

    /** "2 new, 1 modified, 0 deleted". */
    public String summary() {
        return added.size() + " new, " + modified.size() + " modified, " + deleted.size() + " deleted";
    }
}
