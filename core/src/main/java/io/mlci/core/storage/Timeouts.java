package io.mlci.core.storage;

import java.time.Duration;
import java.util.Objects;

/**
 * How long mlci waits for a remote. {@code connect} bounds opening a connection, {@code read}
 * each wait for the next bytes (a server that accepts and never answers), {@code perObject} the
 * whole transfer of one object (a server that trickles bytes forever).
 *
 * <p>DVC names the first two {@code connect_timeout} and {@code timeout} (or {@code read_timeout})
 * in a remote's config; mlci reads the same keys.
 */
public record Timeouts(Duration connect, Duration read, Duration perObject, String remoteName) {

    public static final Timeouts DEFAULT = new Timeouts(Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofHours(1), null);

    public Timeouts(Duration connect, Duration read, Duration perObject) {
        this(connect, read, perObject, null);
    }

    public Timeouts {
        Objects.requireNonNull(connect, "connect");
        Objects.requireNonNull(read, "read");
        Objects.requireNonNull(perObject, "perObject");
        if (connect.isNegative() || connect.isZero() || read.isNegative() || read.isZero()
                || perObject.isNegative() || perObject.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
    }

    public Timeouts withConnect(Duration value) {
        return new Timeouts(value, read, perObject, remoteName);
    }

    public Timeouts withRead(Duration value) {
        return new Timeouts(connect, value, perObject, remoteName);
    }

    public Timeouts withPerObject(Duration value) {
        return new Timeouts(connect, read, value, remoteName);
    }

    /** The remote's name in .dvc/config, so a timeout message can say which command changes it. */
    public Timeouts withRemoteName(String name) {
        return new Timeouts(connect, read, perObject, name);
    }

    /**
     * The failure for a server that stayed silent past a timeout: one line naming where, which
     * timeout, and how to change it. Not transient: a server silent for that long is not about to answer.
     */
    public StorageException expired(String where, Throwable cause) {
        boolean connecting = String.valueOf(cause.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("connect");
        String key = connecting ? "connect_timeout" : "timeout";
        String name = remoteName == null ? "NAME" : remoteName;
        return new StorageException((remoteName == null ? "" : "remote " + remoteName + ": ") + where + ": no answer within " + key + " = " + describe(connecting ? connect : read)
                + " (change it with 'mlci remote modify " + name + " " + key + " SECONDS')", false, cause);
    }

    /** "30 s", "1.5 s", "60 min": how a timeout is named in messages. */
    public static String describe(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 60_000 == 0 && millis >= 60_000 * 5) {
            return millis / 60_000 + " min";
        }
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
