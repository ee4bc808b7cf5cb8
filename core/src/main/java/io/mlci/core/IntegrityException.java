package io.mlci.core;

/** Bytes do not match the hash that names them: a corrupted object or a truncated transfer. */
public class IntegrityException extends MlciException {

    public IntegrityException(String message) {
        super(message);
    }
}
