package io.mlci.core.data.cache;

import io.mlci.core.data.hash.HashAlgorithm;
import io.mlci.core.data.hash.Hex;
import io.mlci.core.storage.AtomicFiles;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Remembers file hashes by (path, file identity, mtime, size) so unchanged files are never read
 * again. File identity is the device and inode (Java's {@code fileKey}, kept as its hash code),
 * so a file replaced by another with the same size and mtime still misses.
 *
 * <p>Entries for files modified within the last two seconds are not kept: file systems stamp
 * mtimes at a coarse clock, and a write in the same tick as the hash would otherwise go unseen
 * (git's "racy clean" problem).
 *
 * <p>It is only a cache: concurrent processes each write the whole file atomically and the last
 * one wins; a lost entry costs a re-hash, never a wrong answer.
 */
public final class StatCache {

    /** 4: entries are spread over the shards by the hash's high bits (see {@link #shardIndex}). */
    private static final int FORMAT = 4;
    /** Shards are loaded one by one as paths in them are looked up; a power of two. */
    private static final int SHARDS = 64;
    private static final long RACY_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(2);

    /**
     * @param fileKey the hash code of Java's file key (device and inode): compact and cheap to
     *                compare, and only consulted together with an exact size and mtime match
     */
    private record Entry(int fileKey, long mtimeNanos, long size, byte algorithm, byte[] md5) {
    }

    /**
     * One part of the cache, in its own file. A run that looks up a handful of paths (the objects
     * of a restored model) reads a few small shards instead of every entry of a large workspace.
     */
    private static final class Shard {
        private final Path file;
        /** Replaced once by {@link #read()} with a map sized for what the file holds (no rehashing while loading). */
        private volatile Map<String, Entry> entries = new ConcurrentHashMap<>();
        private volatile boolean loaded;
        private volatile boolean dirty;

        Shard(Path file) {
            this.file = file;
            this.loaded = file == null;
        }

        Map<String, Entry> entries() {
            if (!loaded) {
                synchronized (this) {
                    if (!loaded) {
                        read();
                        loaded = true;
                    }
                }
            }
            return entries;
        }

        private void read() {
            if (!Files.isRegularFile(file)) {
                return;
            }
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
                if (in.readInt() != FORMAT) {
                    return;
                }
                int count = in.readInt();
                Map<String, Entry> read = new ConcurrentHashMap<>(Math.max(16, Math.min(count, 1 << 20) * 2));
                for (int i = 0; i < count; i++) {
                    String path = in.readUTF();
                    int fileKey = in.readInt();
                    long mtime = in.readLong();
                    long size = in.readLong();
                    byte algorithm = in.readByte();
                    byte[] md5 = new byte[16];
                    in.readFully(md5);
                    read.put(path, new Entry(fileKey, mtime, size, algorithm, md5));
                }
                entries = read;
            } catch (IOException | RuntimeException e) {
                // a damaged cache file only costs re-hashing: the shard starts empty
            }
        }

        void save() throws IOException {
            if (file == null || !dirty) {
                return;
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(entries.size() * 100 + 8);
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(bytes, 1 << 16))) {
                out.writeInt(FORMAT);
                out.writeInt(entries.size());
                for (Map.Entry<String, Entry> e : entries.entrySet()) {
                    Entry entry = e.getValue();
                    out.writeUTF(e.getKey());
                    out.writeInt(entry.fileKey);
                    out.writeLong(entry.mtimeNanos);
                    out.writeLong(entry.size);
                    out.writeByte(entry.algorithm);
                    out.write(entry.md5);
                }
            }
            Files.createDirectories(file.getParent());
            AtomicFiles.write(file, bytes.toByteArray());
            dirty = false;
        }
    }

    private final Shard[] shards = new Shard[SHARDS];
    private final Path dir;
    /** False for a cache that only answers: a read-only command would never save what it records. */
    private final boolean records;

    private StatCache(Path dir, boolean records) {
        this.dir = dir;
        this.records = records;
        for (int i = 0; i < SHARDS; i++) {
            shards[i] = new Shard(dir == null ? null : dir.resolve(String.format("%02x", i)));
        }
    }

    /** A cache that is never persisted (for one-off hashing). */
    public static StatCache inMemory() {
        return new StatCache(null, true);
    }

    /**
     * A cache kept in a directory of shard files, each read on first use (a status answered from
     * the tree cache never reads any); missing or unreadable shards start empty.
     */
    public static StatCache load(Path dir) {
        return new StatCache(dir, true);
    }

    /**
     * Like {@link #load}, for a command that writes nothing: lookups are answered, records are
     * dropped at once instead of being kept in memory for a save that never comes.
     */
    public static StatCache loadReadOnly(Path dir) {
        return new StatCache(dir, false);
    }

    private Shard shardOf(String path) {
        return shards[shardIndex(path.hashCode())];
    }

    /**
     * The shard of a key: the top bits of a multiplicative hash. Each shard's map picks buckets by
     * the low bits of the key's hash; choosing shards by those same bits would leave every key of
     * a shard in one 64th of its buckets, turning lookups into tree searches.
     */
    static int shardIndex(int hash) {
        return (hash * 0x9E3779B9) >>> (Integer.SIZE - Integer.numberOfTrailingZeros(SHARDS));
    }

    /** The recorded hash if the file still has the identity, mtime and size it had when hashed. */
    public String lookup(Path path, BasicFileAttributes attrs, HashAlgorithm algorithm) {
        String key = path.toString();
        Entry entry = shardOf(key).entries().get(key);
        if (entry == null || entry.algorithm != algorithm.ordinal()) {
            return null;
        }
        if (entry.size != attrs.size() || entry.mtimeNanos != mtimeNanos(attrs) || entry.fileKey != fileKey(attrs)) {
            return null;
        }
        return Hex.encode(entry.md5);
    }

    public void record(Path path, BasicFileAttributes attrs, HashAlgorithm algorithm, String md5) {
        if (!records) {
            return;
        }
        long mtime = mtimeNanos(attrs);
        long now = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
        if (now - mtime < RACY_WINDOW_NANOS) {
            return;
        }
        put(path.toString(), entry(attrs, algorithm, md5));
    }

    private void put(String key, Entry entry) {
        if (!records) {
            return;
        }
        Shard shard = shardOf(key);
        shard.entries().put(key, entry);
        shard.dirty = true;
    }

    private static Entry entry(BasicFileAttributes attrs, HashAlgorithm algorithm, String md5) {
        return new Entry(fileKey(attrs), mtimeNanos(attrs), attrs.size(), (byte) algorithm.ordinal(), Hex.decode(md5));
    }

    private static int fileKey(BasicFileAttributes attrs) {
        Object key = attrs.fileKey();
        return key == null ? 0 : key.hashCode();
    }

    /**
     * Records a hash without the racy-mtime guard. Only for files this process has just written,
     * verified and made read-only (cache objects): nobody else can have changed them within the
     * same clock tick without first making them writable again.
     */
    public void recordWritten(Path path, BasicFileAttributes attrs, HashAlgorithm algorithm, String md5) {
        put(path.toString(), entry(attrs, algorithm, md5));
    }

    public void forget(Path path) {
        String key = path.toString();
        Shard shard = shardOf(key);
        if (shard.entries().remove(key) != null) {
            shard.dirty = true;
        }
    }

    public int size() {
        int size = 0;
        for (Shard shard : shards) {
            size += shard.entries().size();
        }
        return size;
    }

    /** Writes the changed shards atomically. Failures are ignored: it is a cache. */
    public void save() {
        if (dir != null) {
            AtomicFiles.removeStaleTemporaries(dir); // shards a killed process was writing
        }
        for (Shard shard : shards) {
            try {
                shard.save();
            } catch (IOException e) {
                // not fatal: the next run re-hashes
            }
        }
    }

    private static long mtimeNanos(BasicFileAttributes attrs) {
        return attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS);
    }
}
