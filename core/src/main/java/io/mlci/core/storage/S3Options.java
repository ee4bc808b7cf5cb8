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

    public S3Options withMaxConnections(int connections) {
        return new S3Options(region, endpoint, pathStyle, profile, accessKeyId, secretAccessKey,
                sessionToken, Math.max(1, connections));
    }
}
