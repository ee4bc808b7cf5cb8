package io.mlci.core.data.workspace;

import io.mlci.core.data.pointer.DvcConfig;
import io.mlci.core.progress.ProgressListener;
import io.mlci.core.storage.StorageException;
import io.mlci.core.storage.Timeouts;
import io.mlci.core.testing.S3TestServer;
import io.mlci.core.testing.SilentServer;
import io.mlci.core.testing.TestRepos;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Remotes that hang or refuse: a silent server fails a pull within the configured timeouts with
 * one line naming the remote, the object and the timeout; errors that cannot heal are not retried.
 */
public class RemoteTimeoutTest {

    private static final String FOO = "acbd18db4cc2f85cedef654fccc4a4d8";

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private final List<String> notes = new CopyOnWriteArrayList<>();

    private Path repo(String remoteUrl, String options) throws Exception {
        Path repo = temp.newFolder().toPath().toRealPath();
        TestRepos.write(repo, "foo.dvc", "outs:\n- md5: " + FOO + "\n  size: 3\n  hash: md5\n  path: foo\n");
        DvcConfig.addRemote(repo.resolve(".dvc"), "store", remoteUrl, true);
        Files.writeString(repo.resolve(".dvc/config"), options, StandardOpenOption.APPEND);
        return repo;
    }

    private void pull(Path repo, Timeouts timeouts) {
        DataOptions options = DataOptions.defaults().withTimeouts(timeouts).withProgress(new Notes());
        try (DataWorkspace workspace = DataWorkspace.open(repo, options)) {
            workspace.pull(null, List.of(), false);
        }
    }

    @Test
    public void shouldGiveUpOnASilentHttpRemoteAfterItsReadTimeout() throws Exception {
        try (SilentServer server = SilentServer.silent()) {
            Path repo = repo(server.url() + "/dvc-store", "    timeout = 0.3\n    connect_timeout = 0.3\n");

            long start = System.nanoTime();
            assertThatThrownBy(() -> pull(repo, Timeouts.DEFAULT)).isInstanceOf(StorageException.class)
                    .hasMessageStartingWith("remote store: " + server.url() + "/dvc-store/")
                    .hasMessageContaining("'mlci remote modify store timeout SECONDS'")
                    .hasMessageContaining("files/md5/ac/bd18db4cc2f85cedef654fccc4a4d8")
                    .hasMessageContaining("timeout = 0.3 s")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(server.connections()).isEqualTo(1);
            assertThat(notes).noneMatch(note -> note.startsWith("retrying"));
        }
    }

    @Test
    public void shouldGiveUpOnASilentS3RemoteAfterItsReadTimeout() throws Exception {
        try (SilentServer server = SilentServer.silent()) {
            Path repo = repo("s3://bucket/project", "    endpointurl = " + server.url() + "\n    region = us-east-1\n"
                    + "    access_key_id = key\n    secret_access_key = secret\n    read_timeout = 0.3\n");

            long start = System.nanoTime();
            assertThatThrownBy(() -> pull(repo, Timeouts.DEFAULT)).isInstanceOf(StorageException.class)
                    .hasMessageContaining("s3://bucket/project")
                    .hasMessageContaining("files/md5/ac/bd18db4cc2f85cedef654fccc4a4d8")
                    .hasMessageContaining("timeout = 0.3 s");

            // Well under the 60 s default: the SDK's first client takes seconds to start on a busy machine.
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
            assertThat(server.connections()).isEqualTo(1);
        }
    }

    @Test
    public void shouldEndADownloadThatTricklesPastThePerObjectDeadline() throws Exception {
        try (SilentServer server = SilentServer.trickling()) {
            Path repo = repo(server.url() + "/dvc-store", "");

            long start = System.nanoTime();
            assertThatThrownBy(() -> pull(repo, Timeouts.DEFAULT.withPerObject(Duration.ofMillis(700))))
                    .isInstanceOf(StorageException.class)
                    .hasMessageContaining(server.url())
                    .hasMessageContaining("object " + FOO)
                    .hasMessageContaining("per-object deadline of 0.7 s");

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    public void shouldFailAtOnceWithoutCredentialsNamingTheFix() throws Exception {
        try (S3TestServer s3 = S3TestServer.start(null)) {
            s3.createBucket("bucket");
            Path repo = repo("s3://bucket/project", "    endpointurl = " + s3.endpoint() + "\n    region = us-east-1\n"
                    + "    profile = mlci-test-no-such-profile\n");

            assertThatThrownBy(() -> pull(repo, Timeouts.DEFAULT)).isInstanceOf(StorageException.class)
                    .hasMessageContaining("no AWS credentials found; set AWS_PROFILE");
            assertThat(notes).noneMatch(note -> note.startsWith("retrying"));
        }
    }

    @Test
    public void shouldFailAtOnceOnWrongCredentialsAndOnAMissingBucket() throws Exception {
        try (S3TestServer s3 = S3TestServer.start(null)) {
            s3.createBucket("bucket");
            Path denied = repo("s3://bucket/project", "    endpointurl = " + s3.endpoint() + "\n    region = us-east-1\n"
                    + "    access_key_id = " + S3TestServer.ACCESS_KEY + "\n    secret_access_key = wrong\n");
            Path noBucket = repo("s3://no-such-bucket/project", "    endpointurl = " + s3.endpoint()
                    + "\n    region = us-east-1\n    access_key_id = " + S3TestServer.ACCESS_KEY
                    + "\n    secret_access_key = " + S3TestServer.SECRET_KEY + "\n");

            assertThatThrownBy(() -> pull(denied, Timeouts.DEFAULT)).hasMessageContaining("access denied");
            assertThatThrownBy(() -> pull(noBucket, Timeouts.DEFAULT))
                    .hasMessageContaining("bucket 'no-such-bucket' does not exist");
            assertThat(notes).noneMatch(note -> note.startsWith("retrying"));
        }
    }

    private final class Notes implements ProgressListener {
        @Override
        public void begin(String phase, long totalItems, long totalBytes) {
        }

        @Override
        public void advance(long items, long bytes) {
        }

        @Override
        public void end() {
        }

        @Override
        public void note(String message) {
            notes.add(message);
        }
    }
}
