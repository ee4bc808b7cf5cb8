package io.mlci.core.storage;

import io.mlci.core.MlciException;

/**
 * A blob store could not do what was asked. {@link #isTransient()} tells callers whether trying
 * again may help (throttling, 5xx, dropped connections) or not (wrong credentials, no bucket).
 */
public class StorageException extends MlciException {

    private final boolean transientFailure;

    public StorageException(String message, boolean transientFailure, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    public StorageException(String message, boolean transientFailure) {
        super(message);
        this.transientFailure = transientFailure;
    }

    public boolean isTransient() {
        return transientFailure;
    }
}
