package io.mlci.core.storage;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * A view of one store under a key prefix, so one location can hold several key spaces (the run
 * store keeps training outputs under {@code objects/} in the data-remote layout).
 * Closing the view does not close the store it looks into.
 */
public final class PrefixedBlobStore implements BlobStore {

    private final BlobStore inner;
    private final String prefix;

    public PrefixedBlobStore(BlobStore inner, String prefix) {
        this.inner = inner;
        this.prefix = Keys.trimSlashes(prefix);
    }

    @Override
    public String describe() {
        return inner.describe() + "/" + prefix;
    }

    @Override
    public InputStream open(String key) {
        return inner.open(Keys.join(prefix, key));
    }

    @Override
    public boolean exists(String key) {
        return inner.exists(Keys.join(prefix, key));
    }

    @Override
    public void put(String key, Path source) {
        inner.put(Keys.join(prefix, key), source);
    }

    @Override
    public void put(String key, byte[] content) {
        inner.put(Keys.join(prefix, key), content);
    }

    @Override
    public boolean putIfAbsent(String key, byte[] content) {
        return inner.putIfAbsent(Keys.join(prefix, key), content);
    }

    @Override
    public void delete(String key) {
        inner.delete(Keys.join(prefix, key));
    }

    @Override
    public List<String> list(String keyPrefix) {
        int strip = prefix.isEmpty() ? 0 : prefix.length() + 1;
        return inner.list(Keys.join(prefix, keyPrefix)).stream().map(key -> key.substring(strip)).toList();
    }

    @Override
    public List<String> listFolders(String folder) {
        return inner.listFolders(prefix.isEmpty() ? folder : prefix + "/" + folder);
    }

    @Override
    public boolean isWritable() {
        return inner.isWritable();
    }
}
