package io.mlci.core.storage;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * A blob store under an S3 prefix ({@code s3://bucket/prefix}). The SDK's own retries are off:
 * retries happen in {@link RetryingBlobStore} and the transfer layer, so one policy decides how
 * often and how long mlci retries, whatever the backend.
 */
public final class S3BlobStore implements BlobStore {

    private final S3Client client;
    private final String bucket;
    private final String prefix;

    private final Timeouts timeouts;

    public S3BlobStore(String bucket, String prefix, S3Options options) {
        this(bucket, prefix, options, Timeouts.DEFAULT);
    }

    public S3BlobStore(String bucket, String prefix, S3Options options, Timeouts timeouts) {
        this.bucket = bucket;
        this.prefix = Keys.trimSlashes(prefix);
        this.timeouts = timeouts;
        this.client = buildClient(options, timeouts);
    }

    /** Parses {@code s3://bucket/prefix}. */
    public static S3BlobStore fromUrl(String url, S3Options options) {
        return fromUrl(url, options, Timeouts.DEFAULT);
    }

    /** Parses {@code s3://bucket/prefix}. */
    public static S3BlobStore fromUrl(String url, S3Options options, Timeouts timeouts) {
        if (!url.startsWith("s3://")) {
            throw new IllegalArgumentException("not an s3:// URL: " + url);
        }
        String rest = url.substring("s3://".length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String prefix = slash < 0 ? "" : rest.substring(slash + 1);
        if (bucket.length() < 3 || bucket.length() > 63) {
            throw new IllegalArgumentException("S3 bucket names have 3 to 63 characters: '" + bucket + "' in " + url);
        }
        return new S3BlobStore(bucket, prefix, options, timeouts);
    }

    private static S3Client buildClient(S3Options options, Timeouts timeouts) {
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(ApacheHttpClient.builder()
                        .maxConnections(options.maxConnections())
                        .connectionTimeout(timeouts.connect())
                        .socketTimeout(timeouts.read()))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .credentialsProvider(credentials(options))
                .region(region(options))
                .forcePathStyle(options.pathStyle());
        if (options.endpoint() != null) {
            builder.endpointOverride(options.endpoint());
        }
        return builder.build();
    }

    private static AwsCredentialsProvider credentials(S3Options options) {
        if (options.accessKeyId() != null && options.secretAccessKey() != null) {
            return StaticCredentialsProvider.create(options.sessionToken() == null
                    ? AwsBasicCredentials.create(options.accessKeyId(), options.secretAccessKey())
                    : AwsSessionCredentials.create(options.accessKeyId(), options.secretAccessKey(),
                    options.sessionToken()));
        }
        if (options.profile() != null) {
            return ProfileCredentialsProvider.create(options.profile());
        }
        return DefaultCredentialsProvider.builder().build();
    }

    private static Region region(S3Options options) {
        if (options.region() != null) {
            return Region.of(options.region());
        }
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        } catch (SdkClientException e) {
            return Region.US_EAST_1;
        }
    }

    @Override
    public String describe() {
        return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
    }

    private String fullKey(String key) {
        return Keys.join(prefix, Keys.require(key));
    }

    @Override
    public InputStream open(String key) {
        try {
            return new AbortUnlessDrained(client.getObject(b -> b.bucket(bucket).key(fullKey(key))));
        } catch (NoSuchKeyException e) {
            throw new BlobNotFoundException(describe(), key);
        } catch (SdkException e) {
            throw translate("read '" + key + "'", e);
        }
    }

    @Override
    public boolean exists(String key) {
        try {
            client.headObject(HeadObjectRequest.builder().bucket(bucket).key(fullKey(key)).build());
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw translate("look up '" + key + "'", e);
        } catch (SdkException e) {
            throw translate("look up '" + key + "'", e);
        }
    }

    @Override
    public void put(String key, Path source) {
        try {
            client.putObject(PutObjectRequest.builder().bucket(bucket).key(fullKey(key)).build(),
                    RequestBody.fromFile(source));
        } catch (SdkException e) {
            throw translate("write '" + key + "'", e);
        }
    }

    @Override
    public void put(String key, byte[] content) {
        try {
            client.putObject(PutObjectRequest.builder().bucket(bucket).key(fullKey(key)).build(), RequestBody.fromBytes(content));
        } catch (SdkException e) {
            throw translate("write '" + key + "'", e);
        }
    }

    @Override
    public boolean putIfAbsent(String key, byte[] content) {
        try {
            client.putObject(PutObjectRequest.builder().bucket(bucket).key(fullKey(key)).ifNoneMatch("*").build(),
                    RequestBody.fromBytes(content));
            return true;
        } catch (S3Exception e) {
            // 412: the key exists -- perhaps written by this very request, retried after its
            // success response was lost: then the object holds exactly these bytes, and the
            // create succeeded. 409: another conditional write to the key is in flight.
            if (e.statusCode() == 412) {
                return holds(key, content);
            }
            if (e.statusCode() == 409) {
                return false;
            }
            throw translate("create '" + key + "'", e);
        } catch (SdkException e) {
            throw translate("create '" + key + "'", e);
        }
    }

    /** Whether the object under the key has exactly these bytes (read back, compared in full). */
    private boolean holds(String key, byte[] content) {
        try (InputStream in = open(key)) {
            return java.util.Arrays.equals(in.readNBytes(content.length + 1), content);
        } catch (BlobNotFoundException e) {
            return false;
        } catch (java.io.IOException e) {
            throw new StorageException(describe() + ": cannot read back '" + key + "': " + e.getMessage(), true, e);
        }
    }

    @Override
    public void delete(String key) {
        try {
            client.deleteObject(b -> b.bucket(bucket).key(fullKey(key)));
        } catch (SdkException e) {
            throw translate("remove '" + key + "'", e);
        }
    }

    @Override
    public List<String> list(String keyPrefix) {
        List<String> keys = new ArrayList<>();
        int strip = prefix.isEmpty() ? 0 : prefix.length() + 1;
        eachPage(keyPrefix, null, "list '" + keyPrefix + "'", response -> {
            for (S3Object object : response.contents()) {
                keys.add(object.key().substring(strip));
            }
        });
        return keys;
    }

    /** One level only: S3 groups the keys below each folder into a common prefix with the delimiter. */
    @Override
    public List<String> listFolders(String folder) {
        int strip = (prefix.isEmpty() ? folder : prefix + "/" + folder).length();
        TreeSet<String> names = new TreeSet<>();
        eachPage(folder, "/", "list the folders of '" + folder + "'", response -> {
            for (CommonPrefix common : response.commonPrefixes()) {
                String name = common.prefix().substring(strip);
                if (name.length() > 1) {
                    names.add(name.substring(0, name.length() - 1));
                }
            }
        });
        return List.copyOf(names);
    }

    /** Every page of a listing below the store's prefix, following continuation tokens. */
    private void eachPage(String keyPrefix, String delimiter, String action, Consumer<ListObjectsV2Response> page) {
        String fullPrefix = prefix.isEmpty() ? keyPrefix : prefix + "/" + keyPrefix;
        try {
            String token = null;
            do {
                ListObjectsV2Request.Builder request = ListObjectsV2Request.builder()
                        .bucket(bucket).prefix(fullPrefix).delimiter(delimiter).maxKeys(1000);
                if (token != null) {
                    request.continuationToken(token);
                }
                ListObjectsV2Response response = client.listObjectsV2(request.build());
                page.accept(response);
                token = Boolean.TRUE.equals(response.isTruncated()) ? response.nextContinuationToken() : null;
            } while (token != null);
        } catch (SdkException e) {
            throw translate(action, e);
        }
    }

    private StorageException translate(String action, SdkException e) {
        String where = describe() + ": cannot " + action;
        if (e instanceof S3Exception s3) {
            int status = s3.statusCode();
            String code = s3.awsErrorDetails() == null ? null : s3.awsErrorDetails().errorCode();
            if (status == 403 || "InvalidAccessKeyId".equals(code) || "SignatureDoesNotMatch".equals(code)) {
                return new StorageException(where + ": access denied" + (code == null ? "" : " (" + code + ")")
                        + "; check the credentials "
                        + "(AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, the profile, or access_key_id in .dvc/config.local)",
                        false, e);
            }
            if ("NoSuchBucket".equals(code)) {
                return new StorageException(where + ": bucket '" + bucket + "' does not exist", false, e);
            }
            boolean retry = status >= 500 || status == 429 || "SlowDown".equals(code) || "RequestTimeout".equals(code);
            return new StorageException(where + ": HTTP " + status + (code == null ? "" : " " + code), retry, e);
        }
        if (isMissingCredentials(e)) {
            return new StorageException(where + ": no AWS credentials found; set AWS_PROFILE, or AWS_ACCESS_KEY_ID and "
                    + "AWS_SECRET_ACCESS_KEY, or the remote's profile / access_key_id and secret_access_key in "
                    + ".dvc/config.local ('mlci remote modify --local NAME access_key_id ...')", false, e);
        }
        if (causedBy(e, java.net.SocketTimeoutException.class)) {
            return timeouts.expired(where, e);
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new StorageException(where + ": " + message, true, e);
    }

    /**
     * Closing a body that was not read to the end aborts its connection instead of draining it:
     * draining waits on the server, which is exactly what must not happen when a deadline closes
     * the stream of a silent one. A body read to the end closes normally and its connection is reused.
     */
    private static final class AbortUnlessDrained extends java.io.FilterInputStream {
        private final software.amazon.awssdk.core.ResponseInputStream<?> response;
        private volatile boolean drained;

        AbortUnlessDrained(software.amazon.awssdk.core.ResponseInputStream<?> response) {
            super(response);
            this.response = response;
        }

        @Override
        public int read() throws java.io.IOException {
            int b = super.read();
            drained |= b < 0;
            return b;
        }

        @Override
        public int read(byte[] buffer, int off, int len) throws java.io.IOException {
            int n = super.read(buffer, off, len);
            drained |= n < 0;
            return n;
        }

        @Override
        public void close() throws java.io.IOException {
            if (!drained) {
                response.abort();
            }
            super.close();
        }
    }

    /**
     * The SDK says so only in its message: "Unable to load credentials from any of the providers
     * in the chain", or for a named profile "Profile file contained no credentials for profile".
     */
    private static boolean isMissingCredentials(SdkException e) {
        String message = e.getMessage();
        return message != null && (message.contains("Unable to load credentials")
                || message.contains("contained no credentials") || message.contains("No profile named"));
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        client.close();
    }
}
