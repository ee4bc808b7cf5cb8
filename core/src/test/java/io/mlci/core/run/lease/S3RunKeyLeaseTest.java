package io.mlci.core.run.lease;

import io.mlci.core.storage.BlobStore;
import io.mlci.core.storage.S3BlobStore;
import io.mlci.core.testing.S3TestServer;
import org.junit.AfterClass;
import org.junit.BeforeClass;

import java.util.concurrent.atomic.AtomicInteger;

/** Run-key leases in a run store on a real S3-compatible server (S3Proxy on loopback). */
public class S3RunKeyLeaseTest extends RunKeyLeaseContract {

    private static final AtomicInteger PREFIX = new AtomicInteger();
    private static S3TestServer server;

    @BeforeClass
    public static void startServer() throws Exception {
        server = S3TestServer.start(null);
        server.createBucket("mlci-runs");
    }

    @AfterClass
    public static void stopServer() throws Exception {
        server.close();
    }

    @Override
    protected BlobStore newStore() {
        return S3BlobStore.fromUrl("s3://mlci-runs/leases-" + PREFIX.incrementAndGet(), server.clientOptions());
    }
}
