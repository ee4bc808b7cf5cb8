package io.mlci.core.storage;

import io.mlci.core.progress.ProgressListener;
import io.mlci.core.testing.S3TestServer;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The S3 store against a real S3-compatible server (S3Proxy) on loopback. */
public class S3BlobStoreTest {

    private static S3TestServer server;

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @BeforeClass
    public static void startServer() throws Exception {
        server = S3TestServer.start(null);
        server.createBucket("mlci-test");
    }

    @AfterClass
    public static void stopServer() throws Exception {
        server.close();
    }

    private static S3Options options() {
        return server.clientOptions();
    }

    private static S3BlobStore store(String prefix) {
        return S3BlobStore.fromUrl("s3://mlci-test/" + prefix, options());
    }

    @Test
    public void shouldPutGetListAndCheckExistence() throws Exception {
        try (S3BlobStore store = store("basic")) {
            Path file = temp.newFile().toPath();
            Files.writeString(file, "hello");
            store.put("a/b.txt", file);
            store.put("a/c.txt", file);

            try (InputStream in = store.open("a/b.txt")) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hello");
            }
            assertThat(store.exists("a/b.txt")).isTrue();
            assertThat(store.exists("a/missing")).isFalse();
            assertThat(store.list("a/")).containsExactlyInAnyOrder("a/b.txt", "a/c.txt");
            assertThat(store.describe()).isEqualTo("s3://mlci-test/basic");
        }
    }

    @Test
    public void shouldListTheFoldersOneLevelBelowAFolder() {
        try (S3BlobStore store = store("folders")) {
            for (String key : List.of("pr/12/runs/a.json", "pr/12/outputs/model.pkl", "pr/7/runs/b.json", "pr/loose.txt",
                    "prx/3/c.json", "runs/d.json")) {
                store.put(key, key.getBytes(StandardCharsets.UTF_8));
            }
            assertThat(store.listFolders("pr/")).containsExactly("12", "7");
            assertThat(store.listFolders("")).containsExactly("pr", "prx", "runs");
            assertThat(store.listFolders("pr/12/")).containsExactly("outputs", "runs");
            assertThat(store.listFolders("none/")).isEmpty();
            // a store kept under a prefix, and the retrying and prefixed views over it, name the same folders
            BlobStore view = new PrefixedBlobStore(new RetryingBlobStore(store, RetryPolicy.NONE, ProgressListener.NONE), "pr");
            assertThat(view.listFolders("")).containsExactly("12", "7");
        }
    }

    @Test
    public void shouldReportAMissingKeyAsNotFound() {
        try (S3BlobStore store = store("missing")) {
            assertThatThrownBy(() -> store.open("nope")).isInstanceOf(BlobNotFoundException.class)
                    .hasMessageContaining("s3://mlci-test/missing").hasMessageContaining("nope");
        }
    }

    @Test
    public void shouldCreateIfAbsentExactlyOnceUnderContention() throws Exception {
        try (S3BlobStore store = store("race")) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<Boolean>> attempts = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                byte[] content = ("writer-" + i).getBytes(StandardCharsets.UTF_8);
                attempts.add(pool.submit(() -> store.putIfAbsent("versions/1", content)));
            }
            int winners = 0;
            for (Future<Boolean> attempt : attempts) {
                winners += attempt.get() ? 1 : 0;
            }
            pool.shutdown();
            assertThat(winners).isEqualTo(1);
            assertThat(store.putIfAbsent("versions/1", new byte[] {1})).isFalse();
        }
    }

    @Test
    public void shouldExplainWrongCredentials() {
        S3Options wrong = options().withStaticCredentials(S3TestServer.ACCESS_KEY, "not-the-secret");
        try (S3BlobStore store = S3BlobStore.fromUrl("s3://mlci-test/x", wrong)) {
            assertThatThrownBy(() -> store.exists("anything"))
                    .isInstanceOf(StorageException.class)
                    .hasMessageContaining("access denied")
                    .hasMessageContaining("credentials")
                    .satisfies(e -> assertThat(((StorageException) e).isTransient()).isFalse());
        }
    }

    @Test
    public void shouldNameAMissingBucket() {
        try (S3BlobStore store = S3BlobStore.fromUrl("s3://no-such-bucket/x", options())) {
            assertThatThrownBy(() -> store.list(""))
                    .isInstanceOf(StorageException.class)
                    .hasMessageContaining("no-such-bucket");
        }
    }

    @Test
    public void shouldReportAnUnreachableEndpointAsTransient() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        S3Options nowhere = options().withEndpoint(URI.create("http://127.0.0.1:" + closedPort), true);
        try (S3BlobStore store = S3BlobStore.fromUrl("s3://mlci-test/x", nowhere)) {
            assertThatThrownBy(() -> store.exists("k"))
                    .isInstanceOf(StorageException.class)
                    .hasMessageContaining("s3://mlci-test/x")
                    .satisfies(e -> assertThat(((StorageException) e).isTransient()).isTrue());
        }
    }

    @Test
    public void shouldRefuseInvalidBucketNames() {
        assertThatThrownBy(() -> S3BlobStore.fromUrl("s3://ab/x", options()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3 to 63");
    }
}
