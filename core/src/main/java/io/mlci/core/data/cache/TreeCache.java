package io.mlci.core.data.cache;

import io.mlci.core.storage.AtomicFiles;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers the hash of whole directories by a fingerprint of their files' metadata (relative
 * path, device and inode, mtime, size). When a directory's fingerprint is unchanged, its hash is
 * known without a single per-file lookup or building its listing, which is what makes status of
 * a 100,000-file dataset cheap. Like {@link StatCache}, it is only a cache: a damaged or lost
 * file costs work, never a wrong answer.
 */
public final class TreeCache {

    private static final int FORMAT = 1;

    /** A directory's recorded state. */
    public record Tree(String fingerprint, String hash, long size, long nfiles) {
    }

    private final Path file;
    private final Map<String, Tree> trees = new ConcurrentHashMap<>();
    /** False for a cache that only answers: a read-only command would never save what it records. */
    private final boolean records;
    private volatile boolean dirty;

    private TreeCache(Path file, boolean records) {
        this.file = file;
        this.records = records;
    }

    public static TreeCache inMemory() {
        return new TreeCache(null, true);
    }

    public static TreeCache load(Path file) {
        return load(file, true);
    }

    /**
     * Like {@link #load}, for a command that writes nothing: lookups are answered, and callers
     * can skip computing fingerprints only a record would need ({@link #records()}).
     */
    public static TreeCache loadReadOnly(Path file) {
        return load(file, false);
    }

    private static TreeCache load(Path file, boolean records) {
        TreeCache cache = new TreeCache(file, records);
        if (Files.isRegularFile(file)) {
            try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
                if (in.readInt() == FORMAT) {
                    int count = in.readInt();
                    for (int i = 0; i < count; i++) {
                        cache.trees.put(in.readUTF(), new Tree(in.readUTF(), in.readUTF(), in.readLong(), in.readLong()));
                    }
                }
            } catch (IOException | RuntimeException e) {
                cache.trees.clear();
            }
        }
        return cache;
    }

    /** Whether a state of the directory is recorded: without one, its fingerprint is not worth a walk. */
    public boolean knows(Path dir) {
        return trees.containsKey(dir.toString());
    }

    /** The recorded state if the directory still has the fingerprint it had then. */
    public Tree lookup(Path dir, String algorithmAndFingerprint) {
        Tree tree = trees.get(dir.toString());
        return tree != null && tree.fingerprint().equals(algorithmAndFingerprint) ? tree : null;
    }

    /** Whether {@link #record} keeps anything. */
    public boolean records() {
        return records;
    }

    public void record(Path dir, Tree tree) {
        if (!records) {
            return;
        }
        trees.put(dir.toString(), tree);
        dirty = true;
    }

    public void save() {
        if (file == null || !dirty) {
            return;
        }
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeInt(FORMAT);
                out.writeInt(trees.size());
                for (Map.Entry<String, Tree> entry : trees.entrySet()) {
                    Tree tree = entry.getValue();
                    out.writeUTF(entry.getKey());
                    out.writeUTF(tree.fingerprint());
                    out.writeUTF(tree.hash());
                    out.writeLong(tree.size());
                    out.writeLong(tree.nfiles());
                }
            }
            AtomicFiles.write(file, bytes.toByteArray());
            dirty = false;
        } catch (IOException e) {
            // not fatal: the next run hashes file by file
        }
    }
}
