package io.mlci.core.storage;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A pull-request build's view of a store: it reads what the store holds plus its own writes, and
 * writes only under its own prefix ({@code pr/ID/}), so nothing it records can pass for the target
 * branch's records. Readers that must not see pull-request writes — the baseline, the registry —
 * read the store itself. An IAM policy that lets pull-request agents write only {@code pr/*} makes
 * the same split hold against code that bypasses mlci.
 */
public final class PullRequestBlobStore implements BlobStore {

    private final BlobStore store;
    private final BlobStore own;

    public PullRequestBlobStore(BlobStore store, String changeId) {
        this.store = store;
        this.own = new PrefixedBlobStore(store, prefix(changeId));
    }

    /** {@code pr/ID}: the key space a pull request's build writes. */
    public static String prefix(String changeId) {
        return "pr/" + changeId.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    @Override
    public String describe() {
        return own.describe();
    }

    /** The store's blob first: a pull request's own key space cannot shadow a record of the store. */
    @Override
    public InputStream open(String key) {
        try {
            return store.open(key);
        } catch (BlobNotFoundException notInStore) {
            return own.open(key);
        }
    }

    @Override
    public boolean exists(String key) {
        return own.exists(key) || store.exists(key);
    }

    @Override
    public void put(String key, Path source) {
        own.put(key, source);
    }

    /** Refused too when the store itself has the key: a pull request cannot shadow a record. */
    @Override
    public boolean putIfAbsent(String key, byte[] content) {
        return !store.exists(key) && own.putIfAbsent(key, content);
    }

    @Override
    public List<String> list(String prefix) {
        Set<String> keys = new LinkedHashSet<>(store.list(prefix));
        keys.addAll(own.list(prefix));
        return List.copyOf(keys);
    }

    @Override
    public List<String> listFolders(String folder) {
        TreeSet<String> names = new TreeSet<>(store.listFolders(folder));
        names.addAll(own.listFolders(folder));
        return List.copyOf(names);
    }

    @Override
    public boolean isWritable() {
        return own.isWritable();
    }

    @Override
    public void close() {
        store.close();
    }
}
