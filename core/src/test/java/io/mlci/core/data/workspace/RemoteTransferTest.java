package io.mlci.core.data.workspace;

import io.mlci.core.storage.FileTrees;
import io.mlci.core.data.pointer.DvcConfig;
import io.mlci.core.storage.RetryPolicy;
import io.mlci.core.storage.S3Options;
import io.mlci.core.storage.StorageException;
import io.mlci.core.testing.FaultyHttpProxy;
import io.mlci.core.testing.S3TestServer;
import io.mlci.core.testing.StaticHttpServer;
import io.mlci.core.testing.TestRepos;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Push and pull through real S3 and HTTP servers on loopback, with and without injected faults. */
public class RemoteTransferTest {

    private static final RetryPolicy FAST_RETRY = new RetryPolicy(8, Duration.ofMillis(5), Duration.ofMillis(50));

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private Path repo;

    private void trackFiles(int count) throws Exception {
        repo = temp.newFolder("repo").toPath().toRealPath();
        TestRepos.randomFiles(repo.resolve("data"), count, 4096, 7);
        try (DataWorkspace workspace = open()) {
            workspace.add(repo.resolve("data"));
        }
    }

    private DataWorkspace open() {
        return DataWorkspace.open(repo, DataOptions.defaults().withRetry(FAST_RETRY).withJobs(8));
    }

    private void configureS3(String name, java.net.URI endpoint, String bucket) throws Exception {
        DvcConfig.addRemote(repo.resolve(".dvc"), name, "s3://" + bucket + "/project", true);
        Files.writeString(repo.resolve(".dvc/config"), "    endpointurl = " + endpoint + "\n    region = us-east-1\n",
                java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(repo.resolve(".dvc/config.local"), "['remote \"" + name + "\"']\n"
                + "    access_key_id = " + S3TestServer.ACCESS_KEY + "\n"
                + "    secret_access_key = " + S3TestServer.SECRET_KEY + "\n");
    }

    private void wipeLocalCopies() throws Exception {
        FileTrees.delete(repo.resolve(".dvc/cache"));
        FileTrees.delete(repo.resolve("data"));
        Files.deleteIfExists(repo.resolve(".dvc/tmp/mlci/stat-cache"));
    }

    @Test
    public void shouldPushAndPullThroughS3WithCredentialsFromConfigLocal() throws Exception {
        trackFiles(60);
        try (S3TestServer server = S3TestServer.start(temp.newFolder("s3").toPath())) {
            server.createBucket("ml-data");
            configureS3("s3store", server.endpoint(), "ml-data");
            try (DataWorkspace workspace = open()) {
                assertThat(workspace.push(null, List.of()).transferred()).isEqualTo(61);
            }
            assertThat(temp.getRoot().toPath().resolve("s3/ml-data/project/files/md5")).isDirectory();
            wipeLocalCopies();

            try (DataWorkspace workspace = open()) {
                PullResult pulled = workspace.pull(null, List.of(), false);
                assertThat(pulled.transfer().transferred()).isEqualTo(61);
                assertThat(pulled.placed()).isEqualTo(60);
                assertThat(workspace.verify(List.of())).isEmpty();
            }
        }
    }

    /** Jenkins binds credentials into a step's environment; the remote's config then needs none of its own. */
    @Test
    public void shouldUseCredentialsACiStepWasGivenWhenTheRemoteNamesNone() throws Exception {
        trackFiles(5);
        try (S3TestServer server = S3TestServer.start(null)) {
            server.createBucket("ml-data");
            configureS3("s3store", server.endpoint(), "ml-data");
            Files.delete(repo.resolve(".dvc/config.local"));
            Map<String, String> step = Map.of("AWS_ACCESS_KEY_ID", S3TestServer.ACCESS_KEY,
                    "AWS_SECRET_ACCESS_KEY", S3TestServer.SECRET_KEY);
            DataOptions options = DataOptions.defaults().withRetry(FAST_RETRY).withS3(S3Options.defaults().withEnvironment(step));
            try (DataWorkspace workspace = DataWorkspace.open(repo, options)) {
                assertThat(workspace.push(null, List.of()).transferred()).isEqualTo(6);
            }
            DataOptions unbound = DataOptions.defaults().withRetry(FAST_RETRY)
                    .withS3(S3Options.defaults().withEnvironment(Map.of("AWS_ACCESS_KEY_ID", "someone-else",
                            "AWS_SECRET_ACCESS_KEY", "x")));
            wipeLocalCopies();
            try (DataWorkspace workspace = DataWorkspace.open(repo, unbound)) {
                assertThatThrownBy(() -> workspace.pull(null, List.of(), false)).hasMessageContaining("credentials");
            }
        }
    }

    @Test
    public void shouldCompleteAPullDespiteServerErrorsThrottlingAndDroppedConnections() throws Exception {
        trackFiles(120);
        try (S3TestServer server = S3TestServer.start(null, false)) {
            server.createBucket("ml-data");
            configureS3("s3store", server.endpoint(), "ml-data");
            try (DataWorkspace workspace = open()) {
                workspace.push(null, List.of());
            }
            wipeLocalCopies();
            try (FaultyHttpProxy proxy = new FaultyHttpProxy(server.endpoint(), 4)) {
                Files.writeString(repo.resolve(".dvc/config"),
                        Files.readString(repo.resolve(".dvc/config")).replace(server.endpoint().toString(),
                                proxy.endpoint().toString()));

                try (DataWorkspace workspace = open()) {
                    PullResult pulled = workspace.pull(null, List.of(), false);
                    assertThat(pulled.placed()).isEqualTo(120);
                }
                assertThat(proxy.injected(FaultyHttpProxy.Fault.INTERNAL_ERROR)).isPositive();
                assertThat(proxy.injected(FaultyHttpProxy.Fault.SLOW_DOWN)).isPositive();
                assertThat(proxy.injected(FaultyHttpProxy.Fault.DROPPED_CONNECTION)).isPositive();
            }
            try (DataWorkspace workspace = open()) {
                assertThat(workspace.verify(List.of())).isEmpty();
            }
        }
    }

    @Test
    public void shouldFailWithAClearMessageOnWrongCredentials() throws Exception {
        trackFiles(3);
        try (S3TestServer server = S3TestServer.start(null)) {
            server.createBucket("ml-data");
            configureS3("s3store", server.endpoint(), "ml-data");
            Files.writeString(repo.resolve(".dvc/config.local"), Files.readString(repo.resolve(".dvc/config.local"))
                    .replace(S3TestServer.SECRET_KEY, "wrong"));

            try (DataWorkspace workspace = open()) {
                assertThatThrownBy(() -> workspace.push(null, List.of()))
                        .isInstanceOf(StorageException.class)
                        .hasMessageContaining("s3://ml-data/project")
                        .hasMessageContaining("access denied");
            }
        }
    }

    @Test
    public void shouldPullFromAReadOnlyHttpRemote() throws Exception {
        trackFiles(25);
        Path served = temp.newFolder("www").toPath().toRealPath();
        DvcConfig.addRemote(repo.resolve(".dvc"), "dir", served.toString(), true);
        try (DataWorkspace workspace = open()) {
            workspace.push(null, List.of());
        }
        try (StaticHttpServer http = new StaticHttpServer(served)) {
            DvcConfig.addRemote(repo.resolve(".dvc"), "web", http.url().toString(), true);
            wipeLocalCopies();

            try (DataWorkspace workspace = open()) {
                assertThat(workspace.pull(null, List.of(), false).placed()).isEqualTo(25);
                assertThatThrownBy(() -> workspace.push("web", List.of()))
                        .hasMessageContaining("read-only");
            }
        }
    }
}
