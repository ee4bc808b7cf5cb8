package io.mlci.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code mlci remote ...} as a DVC user types it, and errors as JSON for scripts. */
public class RemoteCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private Path repo() throws Exception {
        Path repo = temp.getRoot().toPath().toRealPath();
        Files.createDirectories(repo.resolve(".dvc"));
        return repo;
    }

    private static CliRun mlci(Path repo, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "-C";
        all[1] = repo.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return CliRun.of(all);
    }

    @Test
    public void shouldKeepTheCacheOutOfGitWhenARemoteAddCreatesTheDvcDirectory() throws Exception {
        Path repo = temp.newFolder("fresh").toPath().toRealPath();
        try (org.eclipse.jgit.api.Git git = org.eclipse.jgit.api.Git.init().setDirectory(repo.toFile()).call()) {
            assertThat(mlci(repo, "remote", "add", "store", "../remote", "--default").exitCode()).isZero();
            Files.createDirectories(repo.resolve(".dvc/cache/files/md5/ab"));
            Files.writeString(repo.resolve(".dvc/cache/files/md5/ab/cdef"), "cached");
            Files.writeString(repo.resolve(".dvc/config.local"), "secret");

            assertThat(repo.resolve(".dvc/.gitignore")).hasContent("/config.local\n/tmp\n/cache\n");
            assertThat(git.status().call().getUntracked()).containsExactlyInAnyOrder(".dvc/.gitignore", ".dvc/config");
        }
        Files.writeString(repo.resolve(".dvc/.gitignore"), "/cache\n# mine\n");
        mlci(repo, "remote", "add", "other", "../other");
        assertThat(repo.resolve(".dvc/.gitignore")).as("an existing .dvc is left as it is").hasContent("/cache\n# mine\n");
    }

    @Test
    public void shouldRefuseUnsupportedOrMalformedUrlsNamingTheSupportedSchemes() throws Exception {
        Path repo = repo();

        CliRun gs = mlci(repo, "remote", "add", "gcs", "gs://bucket/path");
        CliRun bad = mlci(repo, "remote", "add", "bad", "s3:/bad");
        CliRun bucket = mlci(repo, "remote", "add", "bad", "s3://B/path");

        assertThat(gs.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(gs.err()).contains("'gs://' is not supported").contains("s3://BUCKET/PREFIX, http(s)://");
        assertThat(bad.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(bad.err()).contains("'s3:/bad' is neither a URL");
        assertThat(bucket.err()).contains("'B' is not an S3 bucket name");
        assertThat(repo.resolve(".dvc/config")).doesNotExist();
    }

    @Test
    public void shouldAddListModifyDefaultAndRemoveRemotesAsDvcWritesThem() throws Exception {
        Path repo = repo();
        assertThat(mlci(repo, "remote", "add", "store", "s3://ml-data/project", "--default").exitCode()).isZero();
        assertThat(mlci(repo, "remote", "add", "mirror", "https://cdn.example.com/dvc").exitCode()).isZero();

        assertThat(mlci(repo, "remote", "modify", "store", "endpointurl", "http://minio:9000").exitCode()).isZero();
        assertThat(mlci(repo, "remote", "modify", "--local", "store", "secret_access_key", "s3cr3t").exitCode()).isZero();
        assertThat(mlci(repo, "remote", "modify", "store", "timeout", "120").exitCode()).isZero();
        assertThat(mlci(repo, "remote", "modify", "--unset", "store", "timeout").exitCode()).isZero();
        assertThat(mlci(repo, "remote", "default", "--local", "mirror").exitCode()).isZero();

        // The byte layout 'dvc remote add/modify' produce (ConfigObj, four-space indentation).
        assertThat(Files.readString(repo.resolve(".dvc/config"))).isEqualTo("[core]\n    remote = store\n"
                + "['remote \"store\"']\n    url = s3://ml-data/project\n    endpointurl = http://minio:9000\n"
                + "['remote \"mirror\"']\n    url = https://cdn.example.com/dvc\n");
        assertThat(Files.readString(repo.resolve(".dvc/config.local"))).isEqualTo("['remote \"store\"']\n"
                + "    secret_access_key = s3cr3t\n[core]\n    remote = mirror\n");
        assertThat(mlci(repo, "remote", "default").out().strip()).isEqualTo("mirror");
        JsonNode listed = JSON.readTree(mlci(repo, "--json", "remote", "list").out());
        assertThat(listed.path("remotes").findValuesAsText("name")).containsExactly("mirror", "store");
        assertThat(listed.path("remotes").get(0).path("default").asBoolean()).isTrue();

        assertThat(mlci(repo, "remote", "remove", "mirror").exitCode()).isZero();
        assertThat(mlci(repo, "remote", "add", "--local", "scratch", "/mnt/scratch").exitCode()).isZero();
        assertThat(Files.readString(repo.resolve(".dvc/config.local"))).contains("['remote \"scratch\"']\n    url = /mnt/scratch\n");
        assertThat(mlci(repo, "remote", "remove", "scratch").exitCode()).isZero();

        assertThat(Files.readString(repo.resolve(".dvc/config.local"))).doesNotContain("mirror");
        assertThat(mlci(repo, "remote", "list").out()).isEqualTo("store\ts3://ml-data/project\t(default)\n");
    }

    @Test
    public void shouldRefuseUnknownOptionsAndRemotes() throws Exception {
        Path repo = repo();
        mlci(repo, "remote", "add", "store", "s3://ml-data/project");

        CliRun option = mlci(repo, "remote", "modify", "store", "endpoint", "x");
        CliRun remote = mlci(repo, "remote", "modify", "nope", "region", "eu-west-1");
        CliRun url = mlci(repo, "remote", "modify", "store", "url", "gs://x/y");

        assertThat(option.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(option.err()).contains("'endpoint'").contains("endpointurl");
        assertThat(remote.err()).contains("remote 'nope' is not defined (known: [store])");
        assertThat(url.err()).contains("'gs://' is not supported");
        assertThat(Files.readString(repo.resolve(".dvc/config"))).doesNotContain("endpoint =", "eu-west-1", "gs:");
    }

    @Test
    public void shouldPrintErrorsAsJsonOnStdoutWithTheSameExitCode() throws Exception {
        Path repo = repo();
        Files.writeString(repo.resolve("data.dvc"), "outs:\n- md5: not-a-hash\n  path: data\n");

        CliRun status = mlci(repo, "--json", "data", "status");
        CliRun usage = mlci(repo, "--json", "data", "status", "--no-such-option");

        assertThat(status.exitCode()).isEqualTo(ExitCodes.ERROR);
        JsonNode error = JSON.readTree(status.out()).path("error");
        assertThat(error.path("message").asText()).contains("expected 32 lower-case hex digits");
        assertThat(error.path("file").asText()).endsWith("data.dvc");
        assertThat(error.path("field").asText()).isEqualTo("outs[0].md5");
        assertThat(usage.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(JSON.readTree(usage.out()).path("error").path("message").asText()).contains("--no-such-option");
    }

    @Test
    public void shouldHashSeveralPathsWritingNothing() throws Exception {
        Path dir = temp.newFolder("plain").toPath();
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("data/foo"), "foo");
        Files.writeString(dir.resolve("data/bar"), "bar");
        Files.writeString(dir.resolve("foo"), "foo");

        CliRun run = CliRun.of("-C", dir.toString(), "data", "hash", "data", "foo");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("5ea40360f5b4ec688df672a4db9c17d1.dir  data\nacbd18db4cc2f85cedef654fccc4a4d8  foo\n");
        try (var entries = Files.list(dir)) {
            assertThat(entries.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("data", "foo");
        }
    }
}
