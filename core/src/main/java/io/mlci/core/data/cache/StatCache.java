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

    private static final int FORMAT = 2;
    private static final long RACY_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(2);

    /**
     * @param fileKey the hash code of Java's file key (device and inode): compact and cheap to
     *                compare, and only consulted together with an exact size and mtime match
     */
    private record Entry(int fileKey, long mtimeNanos, long size, byte algorithm, byte[] md5) {
    }

    private final Path file;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private volatile boolean dirty;
    private volatile boolean loaded;

    private StatCache(Path file) {
        this.file = file;
        this.loaded = file == null;
    }

    /** A cache that is never persisted (for one-off hashing). */
    public static StatCache inMemory() {
        return new StatCache(null);
    }

    /**
     * A cache backed by a file, read on first use (a status answered from the tree cache never
     * needs it); a missing or unreadable file gives an empty cache.
     */
    public static StatCache load(Path file) {
        return new StatCache(file);
    }

    private void ensureLoaded() {
        if (loaded) {
            return;
        }
        synchronized (this) {
            if (loaded) {
                return;
            }
            if (Files.isRegularFile(file)) {
                try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
                    readFrom(in);
                } catch (IOException | RuntimeException e) {
                    entries.clear(); // a damaged cache file only costs re-hashing
                }
            }
            loaded = true;
        }
    }

    private void readFrom(DataInputStream in) throws IOException {
        if (in.readInt() != FORMAT) {
            return;
        }
        int count = in.readInt();
        for (int i = 0; i < count; i++) {
            String path = in.readUTF();
            int fileKey = in.readInt();
            long mtime = in.readLong();
            long size = in.readLong();
            byte algorithm = in.readByte();
            byte[] md5 = new byte[16];
            in.readFully(md5);
            entries.put(path, new Entry(fileKey, mtime, size, algorithm, md5));
        }
    }

    /** The recorded hash if the file still has the identity, mtime and size it had when hashed. */
    public String lookup(Path path, BasicFileAttributes attrs, HashAlgorithm algorithm) {
        ensureLoaded();
        Entry entry = entries.get(path.toString());
        if (entry == null || entry.algorithm != algorithm.ordinal()) {
            return null;
        }
        if (entry.size != attrs.size() || entry.mtimeNanos != mtimeNanos(attrs) || entry.fileKey != fileKey(attrs)) {
            return null;
        }
        return Hex.encode(entry.md5);
    }

    public void record(Path path, BasicFileAttributes attrs, HashAlgorithm algorithm, String md5) {
        ensureLoaded();
        long mtime = mtimeNanos(attrs);
        long now = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
        if (now - mtime < RACY_WINDOW_NANOS) {
            return;
        }
        entries.put(path.toString(), entry(attrs, algorithm, md5));
        dirty = true;
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
        ensureLoaded();
        entries.put(path.toString(), entry(attrs, algorithm, md5));
        dirty = true;
    }

    public void forget(Path path) {
        ensureLoaded();
        if (entries.remove(path.toString()) != null) {
            dirty = true;
        }
    }

    public int size() {
        ensureLoaded();
        return entries.size();
    }

    /** Writes the cache atomically if anything changed. Failures are ignored: it is a cache. */
    public void save() {
        if (file == null || !dirty) {
            return;
        }
        try {
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
            AtomicFiles.write(file, bytes.toByteArray());
            dirty = false;
        } catch (IOException e) {
            // not fatal: the next run re-hashes
        }
    }

    private static long mtimeNanos(BasicFileAttributes attrs) {
        return attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS);
    }
}
