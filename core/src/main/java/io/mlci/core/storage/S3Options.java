package io.mlci.core.storage;

import java.net.URI;

/**
 * How to reach an S3 or S3-compatible store. Every field is optional: unset credentials come
 * from the AWS default chain (environment, profile, instance role), an unset region from the
 * AWS region chain and finally {@code us-east-1}.
 *
 * @param endpoint        endpoint override for S3-compatible servers (MinIO, Ceph, ...)
 * @param pathStyle       address buckets as {@code endpoint/bucket} rather than {@code bucket.endpoint}
 * @param maxConnections  size of the HTTP connection pool; match it to the transfer parallelism
 */
public record S3Options(String region, URI endpoint, boolean pathStyle, String profile,
                        String accessKeyId, String secretAccessKey, String sessionToken,
                        int maxConnections) {

    public static S3Options defaults() {
        return new S3Options(null, null, false, null, null, null, null, 32);
    }

    public S3Options withEndpoint(URI newEndpoint, boolean newPathStyle) {
        return new S3Options(region, newEndpoint, newPathStyle, profile, accessKeyId, secretAccessKey,
                sessionToken, maxConnections);
    }

    public S3Options withStaticCredentials(String id, String secret) {
        return new S3Options(region, endpoint, pathStyle, profile, id, secret, sessionToken, maxConnections);
    }

    public S3Options withRegion(String newRegion) {
        return new S3Options(newRegion, endpoint, pathStyle, profile, accessKeyId, secretAccessKey,
                sessionToken, maxConnections);
    }

    public S3Options withProfile(String newProfile) {
        return new S3Options(region, endpoint, pathStyle, newProfile, accessKeyId, secretAccessKey,
                sessionToken, maxConnections);
    }

    /**
     * Credentials, profile and region from an environment that is not this process's own — a CI
     * step's, which carries the credentials its server bound for the build. Unset variables leave
     * the options as they are.
     */
    public S3Options withEnvironment(java.util.Map<String, String> environment) {
        S3Options options = this;
        String id = environment.get("AWS_ACCESS_KEY_ID");
        String secret = environment.get("AWS_SECRET_ACCESS_KEY");
        if (id != null && !id.isBlank() && secret != null && !secret.isBlank()) {
            options = new S3Options(region, endpoint, pathStyle, profile, id, secret,
                    environment.get("AWS_SESSION_TOKEN"), maxConnections);
        }
        if (environment.get("AWS_PROFILE") != null && !environment.get("AWS_PROFILE").isBlank()) {
            options = options.withProfile(environment.get("AWS_PROFILE"));
        }
        String regionName = environment.getOrDefault("AWS_REGION", environment.get("AWS_DEFAULT_REGION"));
        if (regionName != null && !regionName.isBlank()) {
            options = options.withRegion(regionName);
        }
        return options;
    }

    public S3Options withMaxConnections(int connections) {
        return new S3Options(region, endpoint, pathStyle, profile, accessKeyId, secretAccessKey,
                sessionToken, Math.max(1, connections));
    }
}
