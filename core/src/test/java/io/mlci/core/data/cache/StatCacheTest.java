package io.mlci.core.data.cache;

import io.mlci.core.data.hash.HashAlgorithm;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;

import static org.assertj.core.api.Assertions.assertThat;

public class StatCacheTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private Path oldFile(String name, String content) throws Exception {
        Path file = temp.getRoot().toPath().resolve(name);
        Files.writeString(file, content);
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        return file;
    }

    private static BasicFileAttributes attrs(Path file) throws Exception {
        return Files.readAttributes(file, BasicFileAttributes.class);
    }

    @Test
    public void shouldPersistEntriesAcrossLoads() throws Exception {
        Path file = oldFile("a", "foo");
        Path store = temp.getRoot().toPath().resolve("state/stat-cache");
        StatCache cache = StatCache.load(store);
        cache.record(file, attrs(file), HashAlgorithm.MD5, "acbd18db4cc2f85cedef654fccc4a4d8");
        cache.save();

        StatCache reloaded = StatCache.load(store);

        assertThat(reloaded.lookup(file, attrs(file), HashAlgorithm.MD5)).isEqualTo("acbd18db4cc2f85cedef654fccc4a4d8");
        assertThat(reloaded.lookup(file, attrs(file), HashAlgorithm.MD5_DOS2UNIX)).isNull();
    }

    @Test
    public void shouldAnswerFromSavedEntriesButKeepNothingWhenReadOnly() throws Exception {
        Path known = oldFile("a", "foo");
        Path other = oldFile("b", "bar");
        Path store = temp.getRoot().toPath().resolve("state/stat-cache");
        StatCache writer = StatCache.load(store);
        writer.record(known, attrs(known), HashAlgorithm.MD5, "acbd18db4cc2f85cedef654fccc4a4d8");
        writer.save();
        List<Path> shardsBefore;
        try (var files = Files.list(store)) {
            shardsBefore = files.sorted().toList();
        }

        StatCache reader = StatCache.loadReadOnly(store);
        reader.record(other, attrs(other), HashAlgorithm.MD5, "37b51d194a7513e45b56f6524f2d51f2");
        reader.recordWritten(other, attrs(other), HashAlgorithm.MD5, "37b51d194a7513e45b56f6524f2d51f2");
        reader.save();

        assertThat(reader.lookup(known, attrs(known), HashAlgorithm.MD5)).isEqualTo("acbd18db4cc2f85cedef654fccc4a4d8");
        assertThat(reader.lookup(other, attrs(other), HashAlgorithm.MD5)).isNull();
        assertThat(StatCache.load(store).lookup(other, attrs(other), HashAlgorithm.MD5)).isNull();
        try (var files = Files.list(store)) {
            assertThat(files.sorted().toList()).isEqualTo(shardsBefore);
        }
    }

    @Test
    public void shouldMissWhenSizeOrMtimeChange() throws Exception {
        Path file = oldFile("a", "foo");
        StatCache cache = StatCache.inMemory();
        cache.record(file, attrs(file), HashAlgorithm.MD5, "acbd18db4cc2f85cedef654fccc4a4d8");

        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() - 30_000));
        assertThat(cache.lookup(file, attrs(file), HashAlgorithm.MD5)).isNull();
    }

    @Test
    public void shouldMissWhenTheFileIsReplacedByAnotherInode() throws Exception {
        Path file = oldFile("a", "foo");
        StatCache cache = StatCache.inMemory();
        BasicFileAttributes before = attrs(file);
        cache.record(file, before, HashAlgorithm.MD5, "acbd18db4cc2f85cedef654fccc4a4d8");
        Path replacement = oldFile("b", "bar");
        Files.setLastModifiedTime(replacement, before.lastModifiedTime());
        Files.move(replacement, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        assertThat(cache.lookup(file, attrs(file), HashAlgorithm.MD5)).isNull();
    }

    @Test
    public void shouldNotRememberFilesModifiedInTheLastMoments() throws Exception {
        Path file = temp.getRoot().toPath().resolve("fresh");
        Files.writeString(file, "foo");
        StatCache cache = StatCache.inMemory();

        cache.record(file, attrs(file), HashAlgorithm.MD5, "acbd18db4cc2f85cedef654fccc4a4d8");

        assertThat(cache.lookup(file, attrs(file), HashAlgorithm.MD5)).isNull();
    }

    @Test
    public void shouldTreatDamagedShardsAsEmpty() throws Exception {
        Path store = temp.getRoot().toPath().resolve("stat-cache");
        Files.createDirectories(store);
        for (int shard = 0; shard < 64; shard++) {
            Files.write(store.resolve(String.format("%02x", shard)), new byte[] {0, 0, 0, 3, 0, 0, 0, 9, 1, 2});
        }

        assertThat(StatCache.load(store).size()).isZero();
    }

    @Test
    public void shouldLoseOnlyTheEntriesOfADamagedShard() throws Exception {
        Path store = temp.getRoot().toPath().resolve("sharded");
        StatCache cache = StatCache.load(store);
        List<Path> files = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Path file = temp.getRoot().toPath().resolve("f" + i);
            Files.writeString(file, "content " + i);
            Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() - 10_000));
            cache.record(file, attrs(file), HashAlgorithm.MD5, "acbd18db4cc2f85cedef654fccc4a4d8");
            files.add(file);
        }
        cache.save();
        List<Path> shards;
        try (var list = Files.list(store)) {
            shards = list.sorted().toList();
        }
        assertThat(shards).hasSizeGreaterThan(32);
        assertThat(StatCache.load(store).size()).isEqualTo(200);

        Files.write(shards.get(0), new byte[] {1});
        StatCache reloaded = StatCache.load(store);

        long answered = 0;
        for (Path file : files) {
            answered += reloaded.lookup(file, attrs(file), HashAlgorithm.MD5) != null ? 1 : 0;
        }
        assertThat(answered).isLessThan(200).isGreaterThan(150);
    }

    @Test
    public void shouldSpreadTheKeysOfOneShardOverItsMapsBuckets() {
        // A map of 64 or more buckets picks one by the low six bits of the spread hash; the keys
        // that land in one shard must not all share those bits.
        java.util.Set<Integer> lowBitsInShardZero = new java.util.HashSet<>();
        int inShardZero = 0;
        for (int i = 0; i < 20_000; i++) {
            int hash = ("/work/repo/.dvc/cache/files/md5/" + i % 256 + "/object-" + i).hashCode();
            if (StatCache.shardIndex(hash) == 0) {
                inShardZero++;
                lowBitsInShardZero.add((hash ^ (hash >>> 16)) & 63);
            }
        }
        assertThat(inShardZero).isBetween(200, 450);
        assertThat(lowBitsInShardZero).hasSizeGreaterThan(56);
    }
}
