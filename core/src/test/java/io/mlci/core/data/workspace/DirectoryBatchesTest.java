package io.mlci.core.data.workspace;

import io.mlci.core.data.hash.DirEntry;
import org.junit.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

public class DirectoryBatchesTest {

    private static DirEntry entry(String relpath) {
        return new DirEntry(relpath, "d41d8cd98f00b204e9800998ecf8427e", 0);
    }

    private static List<List<String>> relpaths(List<List<DirEntry>> batches) {
        List<List<String>> names = new ArrayList<>();
        for (List<DirEntry> batch : batches) {
            names.add(batch.stream().map(DirEntry::relpath).toList());
        }
        return names;
    }

    @Test
    public void everyBatchStaysInOneDirectoryAndEveryEntryIsInExactlyOne() {
        // sorted as a listing is: a directory's files are not all next to each other
        List<DirEntry> entries = List.of(entry("a/b/x"), entry("a/c"), entry("a/b0"), entry("a/b/y"), entry("top"),
                entry("a/d"));
        assertThat(relpaths(DirectoryBatches.of(entries, 10)))
                .containsExactly(List.of("a/b/x", "a/b/y"), List.of("a/c", "a/b0", "a/d"), List.of("top"));
    }

    @Test
    public void aLargeDirectoryIsCutSoSeveralThreadsShareIt() {
        List<DirEntry> entries = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            entries.add(entry("big/f" + i));
        }
        entries.add(entry("small/g"));
        assertThat(relpaths(DirectoryBatches.of(entries, 3))).containsExactly(List.of("big/f0", "big/f1", "big/f2"),
                List.of("big/f3", "big/f4", "big/f5"), List.of("big/f6"), List.of("small/g"));
    }

    @Test
    public void noEntriesNoBatches() {
        assertThat(DirectoryBatches.of(List.of(), 3)).isEmpty();
    }
}
