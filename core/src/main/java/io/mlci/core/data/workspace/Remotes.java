package io.mlci.core.data.workspace;

import io.mlci.core.InvalidInputException;
import io.mlci.core.data.pointer.RemoteConfig;
import io.mlci.core.storage.BlobStore;
import io.mlci.core.storage.BlobStores;
import io.mlci.core.storage.S3Options;

import io.mlci.core.storage.Timeouts;

import java.net.URI;
import java.time.Duration;
import java.net.URISyntaxException;

/**
 * Opens the blob store behind a DVC remote definition, translating DVC's remote options
 * ({@code endpointurl}, {@code region}, {@code profile}, {@code access_key_id},
 * {@code secret_access_key}, {@code session_token}) into S3 client settings.
 */
final class Remotes {

    private Remotes() {
    }

    /** @param base settings that apply unless the remote's own options say otherwise (a CI's bound credentials) */
    static BlobStore open(RemoteConfig remote, int connections, S3Options base, Timeouts timeouts) {
        S3Options s3 = (base == null ? S3Options.defaults() : base).withMaxConnections(connections);
        String endpoint = remote.option("endpointurl");
        if (endpoint != null) {
            try {
                // S3-compatible servers (MinIO, Ceph, S3Proxy) are addressed path-style.
                s3 = s3.withEndpoint(new URI(endpoint), true);
            } catch (URISyntaxException e) {
                throw new InvalidInputException(".dvc/config", "remote \"" + remote.name() + "\".endpointurl",
                        "'" + endpoint + "' is not a URL");
            }
        }
        if (remote.option("region") != null) {
            s3 = s3.withRegion(remote.option("region"));
        }
        if (remote.option("profile") != null) {
            s3 = s3.withProfile(remote.option("profile"));
        }
        if (remote.option("access_key_id") != null && remote.option("secret_access_key") != null) {
            s3 = s3.withStaticCredentials(remote.option("access_key_id"), remote.option("secret_access_key"));
        }
        try {
            return BlobStores.open(remote.url(), remote.baseDir(), s3, timeouts(remote, timeouts));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(".dvc/config", "remote \"" + remote.name() + "\".url", e.getMessage());
        }
    }

    /** DVC's names: {@code connect_timeout}, and {@code timeout} (http) or {@code read_timeout} (s3) for reads. */
    static Timeouts timeouts(RemoteConfig remote, Timeouts base) {
        Timeouts timeouts = base.withRemoteName(remote.name());
        Duration connect = seconds(remote, "connect_timeout");
        if (connect != null) {
            timeouts = timeouts.withConnect(connect);
        }
        for (String key : new String[] {"read_timeout", "timeout"}) {
            Duration read = seconds(remote, key);
            if (read != null) {
                timeouts = timeouts.withRead(read);
            }
        }
        return timeouts;
    }

    private static Duration seconds(RemoteConfig remote, String key) {
        String value = remote.option(key);
        if (value == null) {
            return null;
        }
        try {
            double seconds = Double.parseDouble(value.strip());
            if (seconds > 0 && seconds < 1e7) {
                return Duration.ofMillis(Math.round(seconds * 1000));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidInputException(".dvc/config", "remote \"" + remote.name() + "\"." + key,
                "expected a positive number of seconds, got '" + value + "'");
    }

    /** The jobs a remote asks for in its {@code jobs} option, or the fallback. */
    static int jobs(RemoteConfig remote, int fallback) {
        String jobs = remote.option("jobs");
        if (jobs == null) {
            return fallback;
        }
        try {
            return Math.max(1, Integer.parseInt(jobs.strip()));
        } catch (NumberFormatException e) {
            throw new InvalidInputException(".dvc/config", "remote \"" + remote.name() + "\".jobs",
                    "expected a positive integer, got '" + jobs + "'");
        }
    }
}
