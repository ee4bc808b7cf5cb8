package io.mlci.core;

import java.util.Objects;

/**
 * Root of every failure the engine reports. Unchecked because most engine work runs inside
 * parallel workers and stream pipelines, where checked exceptions would only be wrapped and
 * unwrapped again; adapters (CLI, plugin) catch this one type and turn it into an exit code or a
 * build result.
 */
public class MlciException extends RuntimeException {

    public MlciException(String message) {
        super(Objects.requireNonNull(message, "an MlciException needs a message"));
    }

    public MlciException(String message, Throwable cause) {
        super(Objects.requireNonNull(message, "an MlciException needs a message"), cause);
    }
}
