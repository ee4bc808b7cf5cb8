package io.mlci.core.data.workspace;

import io.mlci.core.data.hash.DirEntry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits the entries of a listing into batches that each stay inside one directory. Threads that
 * create files in the same directory at once queue on that directory's lock in the kernel (and
 * spin there, burning system time); a thread that works through one directory at a time while
 * the others work on other directories does not.
 */
final class DirectoryBatches {

    /** At most this many entries per batch, so one huge directory is still shared out. */
    static final int MAX_BATCH = 512;

    private DirectoryBatches() {
    }

    /** The entries grouped by parent directory, in listing order, each group cut at {@code max}. */
    static List<List<DirEntry>> of(List<DirEntry> entries, int max) {
        Map<String, List<DirEntry>> byParent = new LinkedHashMap<>();
        for (DirEntry entry : entries) {
            String relpath = entry.relpath();
            int slash = relpath.lastIndexOf('/');
            byParent.computeIfAbsent(slash < 0 ? "" : relpath.substring(0, slash), parent -> new ArrayList<>()).add(entry);
        }
        List<List<DirEntry>> batches = new ArrayList<>();
        for (List<DirEntry> sameParent : byParent.values()) {
            for (int from = 0; from < sameParent.size(); from += max) {
                batches.add(sameParent.subList(from, Math.min(sameParent.size(), from + max)));
            }
        }
        return batches;
    }
}
