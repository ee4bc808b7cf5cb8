package io.mlci.core.run.store;

import io.mlci.core.run.record.RunStatus;
import io.mlci.core.storage.S3BlobStore;
import io.mlci.core.storage.S3Options;
import io.mlci.core.storage.StorageException;
import io.mlci.core.testing.S3TestServer;
import io.mlci.core.testing.TestRuns;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The run store on a real S3-compatible server (S3Proxy on loopback). */
public class S3RunStoreTest extends RunStoreContract {

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
    protected RunStore newStore() {
        S3Options options = server.clientOptions().withMaxConnections(16);
        return new RunStore(S3BlobStore.fromUrl("s3://mlci-runs/store-" + PREFIX.incrementAndGet(), options));
    }

    @Test
    public void shouldRecordARunWhoseCreateSucceededButWhoseResponseWasLost() throws Exception {
        try (S3TestServer open = S3TestServer.start(null, false)) {
            open.createBucket("mlci-runs");
            try (io.mlci.core.testing.FaultyHttpProxy proxy =
                         io.mlci.core.testing.FaultyHttpProxy.droppingConditionalPutResponses(open.endpoint(), 1);
                 RunStore store = RunStores.open("s3://mlci-runs/lost", Path.of("."), Map.of(RunStores.ENDPOINT_VARIABLE,
                         proxy.endpoint().toString(), "AWS_ACCESS_KEY_ID", "x", "AWS_SECRET_ACCESS_KEY", "y",
                         "AWS_REGION", "us-east-1"))) {
                io.mlci.core.run.record.RunRecord run = TestRuns.record(1, RunStatus.SUCCEEDED, "main", null, TestRuns.KEY_A);

                store.save(run, null);

                assertThat(proxy.droppedResponses()).isEqualTo(1);
                assertThat(store.get(run.id())).isEqualTo(run);
                assertThat(store.newestPassing("main")).contains(run);
                // a different record under a taken id is still refused
                io.mlci.core.run.record.RunRecord other = RunStore.fromJson(new String(RunStore.toJson(run),
                        java.nio.charset.StandardCharsets.UTF_8).replace("python train.py", "python other.py")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
                assertThatThrownBy(() -> store.save(other, null)).hasMessageContaining("already exists");
            }
        }
    }

    @Test
    public void shouldSayWhenTheStoreCannotBeReached() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Map<String, String> env = Map.of(RunStores.ENDPOINT_VARIABLE, "http://127.0.0.1:" + closedPort,
                "AWS_ACCESS_KEY_ID", "x", "AWS_SECRET_ACCESS_KEY", "y");
        try (RunStore store = new RunStore(S3BlobStore.fromUrl("s3://mlci-runs/none", S3Options.defaults()
                .withEndpoint(java.net.URI.create(env.get(RunStores.ENDPOINT_VARIABLE)), true).withRegion("us-east-1")
                .withStaticCredentials("x", "y")))) {
            assertThatThrownBy(() -> store.save(TestRuns.record(1, RunStatus.SUCCEEDED, "main", null, TestRuns.KEY_A), null))
                    .isInstanceOf(StorageException.class).hasMessageContaining("s3://mlci-runs/none");
        }
    }

    /** A CI step's environment (not this process's) carries the credentials the CI server bound for the build. */
    @Test
    public void shouldTakeCredentialsFromTheEnvironmentItIsGiven() throws Exception {
        Map<String, String> env = Map.of(RunStores.ENDPOINT_VARIABLE, server.endpoint().toString(), "AWS_REGION", "us-east-1",
                "AWS_ACCESS_KEY_ID", S3TestServer.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", S3TestServer.SECRET_KEY);
        try (RunStore store = RunStores.open("s3://mlci-runs/from-env", Path.of("."), env)) {
            store.save(TestRuns.record(1, RunStatus.SUCCEEDED, "main", null, TestRuns.KEY_A), null);
            assertThat(store.records(new RunQuery(null, null, null, 0))).hasSize(1);
        }
        Map<String, String> wrong = new java.util.HashMap<>(env);
        wrong.put("AWS_SECRET_ACCESS_KEY", "not-the-secret");
        try (RunStore store = RunStores.open("s3://mlci-runs/from-env", Path.of("."), wrong)) {
            assertThatThrownBy(() -> store.records(new RunQuery(null, null, null, 0)))
                    .isInstanceOf(StorageException.class).hasMessageContaining("credentials");
        }
    }
}
