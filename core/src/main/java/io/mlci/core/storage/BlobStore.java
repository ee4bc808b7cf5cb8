package io.mlci.core.storage;

import java.io.Closeable;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * The one storage abstraction behind data remotes, the run store and the model registry: a flat
 * key space of immutable byte blobs. Keys use '/' as separator and never start with it.
 *
 * <p>Every implementation guarantees that a reader sees either a whole blob or none: there is no
 * moment at which a half-written blob is visible under its key.
 */
public interface BlobStore extends Closeable {

    /** A human-readable location for messages, e.g. {@code s3://bucket/prefix}. */
    String describe();

    /** Opens a blob for reading. Throws {@link BlobNotFoundException} if it does not exist. */
    InputStream open(String key);

    /** Whether a blob exists under the key. */
    boolean exists(String key);

    /** Stores the file's bytes under the key, replacing any earlier blob atomically. */
    void put(String key, Path source);

    /** Stores the bytes under the key, replacing any earlier blob atomically. */
    default void put(String key, byte[] content) {
        Path temp = null;
        try {
            temp = java.nio.file.Files.createTempFile("mlci-put", ".tmp");
            java.nio.file.Files.write(temp, content);
            put(key, temp);
        } catch (java.io.IOException e) {
            throw new StorageException(describe() + ": cannot stage '" + key + "': " + e.getMessage(), false, e);
        } finally {
            if (temp != null) {
                temp.toFile().delete();
            }
        }
    }

    /**
     * Stores the bytes only if nothing exists under the key yet; returns false (and changes
     * nothing) if something else does. Concurrent callers racing for one key: exactly one wins.
     * Retrying a create whose outcome was lost is safe: when the key already holds exactly these
     * bytes the create counts as done and returns true.
     */
    boolean putIfAbsent(String key, byte[] content);

    /** Every key that starts with the prefix, in no particular order. */
    List<String> list(String prefix);

    /**
     * The names of the folders directly below {@code folder} (which ends with '/' or is empty):
     * for keys {@code pr/12/runs/a.json} and {@code pr/7/x}, {@code listFolders("pr/")} gives
     * {@code 12} and {@code 7}, sorted. Stores that can list one level override this, so a
     * caller asking which pull requests wrote does not list every object they wrote.
     */
    default List<String> listFolders(String folder) {
        return Keys.foldersOf(folder, list(folder));
    }

    /** Removes the blob under the key, if there is one (garbage collection of a data remote). */
    default void delete(String key) {
        throw new StorageException(describe() + ": removing objects is not supported here", false);
    }

    /** Whether {@link #put} and {@link #putIfAbsent} are supported. */
    default boolean isWritable() {
        return true;
    }

    @Override
    default void close() {
    }
}
