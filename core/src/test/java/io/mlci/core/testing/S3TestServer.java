package io.mlci.core.testing;

import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;

import java.net.URI;
import java.nio.file.Path;
import java.util.Properties;

/**
 * A real S3-compatible server (S3Proxy) on a loopback port, for tests and benchmarks. With a
 * directory it stores objects on disk ({@code filesystem-nio2}), without one in memory.
 */
public final class S3TestServer implements AutoCloseable {

    public static final String ACCESS_KEY = "mlci-test-key";
    public static final String SECRET_KEY = "mlci-test-secret";

    private final S3Proxy proxy;
    private final BlobStore blobStore;

    private S3TestServer(S3Proxy proxy, BlobStore blobStore) {
        this.proxy = proxy;
        this.blobStore = blobStore;
    }

    /** Starts a server that checks AWS signatures against {@link #ACCESS_KEY}/{@link #SECRET_KEY}. */
    public static S3TestServer start(Path directory) throws Exception {
        return start(directory, true);
    }

    public static S3TestServer start(Path directory, boolean authenticate) throws Exception {
        Properties properties = new Properties();
        String provider = "transient-nio2";
        if (directory != null) {
            provider = "filesystem-nio2";
            properties.setProperty("jclouds.filesystem.basedir", directory.toString());
        }
        BlobStore store = BlobStores.create(provider, properties);
        S3Proxy.Builder builder = S3Proxy.builder()
                .blobStore(store)
                .endpoint(URI.create("http://127.0.0.1:0"));
        if (authenticate) {
            builder.awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY);
        } else {
            builder.awsAuthentication(AuthenticationType.NONE, null, null);
        }
        S3Proxy proxy = builder.build();
        proxy.start();
        long deadline = System.currentTimeMillis() + 10_000;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
            }
            Thread.sleep(10);
        }
        return new S3TestServer(proxy, store);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    /** Client options that reach this server with its credentials, path-style. */
    public io.mlci.core.storage.S3Options clientOptions() {
        return io.mlci.core.storage.S3Options.defaults().withEndpoint(endpoint(), true).withRegion("us-east-1")
                .withStaticCredentials(ACCESS_KEY, SECRET_KEY);
    }

    public void createBucket(String name) {
        blobStore.createContainer(name);
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
    }
}
