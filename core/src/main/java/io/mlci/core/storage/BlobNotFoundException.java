package io.mlci.core.storage;

/** The key is not in the store. Never transient: asking again gives the same answer. */
public class BlobNotFoundException extends StorageException {

    private final String key;

    public BlobNotFoundException(String store, String key) {
        super(store + ": no object '" + key + "'", false);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
