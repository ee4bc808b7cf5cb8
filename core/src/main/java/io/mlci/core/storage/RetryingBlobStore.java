package io.mlci.core.storage;

import io.mlci.core.progress.ProgressListener;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Adds retries with backoff to every operation of another store. Reading a blob's body can still
 * fail half-way; callers that stream retry the whole read (see the transfer layer).
 */
public final class RetryingBlobStore implements BlobStore {

    private final BlobStore delegate;
    private final RetryPolicy policy;
    private final ProgressListener progress;

    public RetryingBlobStore(BlobStore delegate, RetryPolicy policy, ProgressListener progress) {
        this.delegate = delegate;
        this.policy = policy;
        this.progress = progress;
    }

    public RetryPolicy policy() {
        return policy;
    }

    @Override
    public String describe() {
        return delegate.describe();
    }

    @Override
    public InputStream open(String key) {
        return policy.call("read " + key, progress, () -> delegate.open(key));
    }

    @Override
    public boolean exists(String key) {
        return policy.call("look up " + key, progress, () -> delegate.exists(key));
    }

    @Override
    public void put(String key, Path source) {
        policy.call("write " + key, progress, () -> {
            delegate.put(key, source);
            return null;
        });
    }

    @Override
    public void put(String key, byte[] content) {
        policy.call("write " + key, progress, () -> {
            delegate.put(key, content);
            return null;
        });
    }

    @Override
    public boolean putIfAbsent(String key, byte[] content) {
        return policy.call("create " + key, progress, () -> delegate.putIfAbsent(key, content));
    }

    @Override
    public void delete(String key) {
        policy.call("remove " + key, progress, () -> {
            delegate.delete(key);
            return null;
        });
    }

    @Override
    public List<String> list(String prefix) {
        return policy.call("list " + prefix, progress, () -> delegate.list(prefix));
    }

    @Override
    public List<String> listFolders(String folder) {
        return policy.call("list the folders of " + folder, progress, () -> delegate.listFolders(folder));
    }

    @Override
    public boolean isWritable() {
        return delegate.isWritable();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
