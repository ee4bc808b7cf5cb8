package io.mlci.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlci.core.storage.FileTrees;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

public class MainTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void shouldListTheCommandsInHelp() {
        CliRun run = CliRun.of("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("data", "remote", "demo", "Exit codes");
    }

    @Test
    public void shouldExitWithUsageErrorOnUnknownCommands() {
        CliRun run = CliRun.of("data", "pul");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("pul").contains("pull");
    }

    @Test
    public void shouldPrintTheDvcHashOfADirectory() throws Exception {
        Path dir = temp.newFolder("data").toPath();
        Files.writeString(dir.resolve("foo"), "foo");
        Files.writeString(dir.resolve("bar"), "bar");

        CliRun run = CliRun.of("-C", temp.getRoot().toString(), "data", "hash", "data");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out().strip()).isEqualTo("5ea40360f5b4ec688df672a4db9c17d1.dir");
    }

    @Test
    public void shouldRoundTripDataThroughAddPushPullWithJsonOutput() throws Exception {
        Path repo = temp.newFolder("repo").toPath();
        Files.createDirectories(repo.resolve("data/sub"));
        Files.writeString(repo.resolve("data/a.csv"), "x,y\n1,2\n");
        Files.writeString(repo.resolve("data/sub/b.csv"), "x,y\n3,4\n");
        String dir = repo.toString();

        assertThat(CliRun.of("-C", dir, "data", "add", "data").exitCode()).isZero();
        CliRun remote = CliRun.of("-C", dir, "remote", "add", "store", "../store", "--default");
        assertThat(remote.exitCode()).isZero();
        assertThat(Files.readString(repo.resolve(".dvc/config"))).contains("url = ../../store");

        CliRun push = CliRun.of("data", "push", "-C", dir, "--json");
        assertThat(push.exitCode()).as(push.err()).isZero();
        assertThat(JSON.readTree(push.out()).get("uploaded").asInt()).isEqualTo(3);

        FileTrees.delete(repo.resolve("data"));
        FileTrees.delete(repo.resolve(".dvc/cache"));
        CliRun pull = CliRun.of("-C", dir, "--json", "data", "pull");
        assertThat(pull.exitCode()).as(pull.err()).isZero();
        JsonNode pulled = JSON.readTree(pull.out());
        assertThat(pulled.get("downloaded").asInt()).isEqualTo(3);
        assertThat(pulled.get("placed").asInt()).isEqualTo(2);
        assertThat(repo.resolve("data/sub/b.csv")).hasContent("x,y\n3,4\n");

        CliRun status = CliRun.of("-C", dir, "data", "status", "--json");
        assertThat(JSON.readTree(status.out()).get("outputs").get(0).get("status").asText()).isEqualTo("present");
        assertThat(CliRun.of("-C", dir, "data", "verify").exitCode()).isZero();
    }

    @Test
    public void shouldNameFileAndFieldOfABadPointerAndExitWithOne() throws Exception {
        Path repo = temp.newFolder("bad").toPath();
        Files.writeString(repo.resolve("data.dvc"), "outs:\n- md5: acbd18db4cc2f85cedef654fccc4a4d8\n  hash: sha1\n  path: data\n");

        CliRun run = CliRun.of("-C", repo.toString(), "data", "status");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.err()).contains("data.dvc").contains("outs[0].hash").contains("sha1");
        assertThat(run.err()).doesNotContain("Exception");
    }

    @Test
    public void shouldRejectUnknownLinkTypesAndBadRemoteSettingsWithoutTouchingTheWorkspace() throws Exception {
        Path repo = temp.newFolder("opts").toPath();
        Files.writeString(repo.resolve("model.bin"), "weights");
        assertThat(CliRun.of("-C", repo.toString(), "data", "add", "model.bin").exitCode()).isZero();
        Files.delete(repo.resolve("model.bin"));

        CliRun badLink = CliRun.of("-C", repo.toString(), "data", "checkout", "--link", "hardlink,teleport");
        assertThat(badLink.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(badLink.err()).contains("--link").contains("teleport").contains("reflink, hardlink, symlink, copy");
        assertThat(repo.resolve("model.bin")).doesNotExist();

        Files.writeString(repo.resolve(".dvc/config"), "[cache]\n    type = warp\n");
        CliRun badConfig = CliRun.of("-C", repo.toString(), "data", "checkout");
        assertThat(badConfig.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(badConfig.err()).contains(".dvc/config").contains("cache.type").contains("warp");

        Files.writeString(repo.resolve(".dvc/config"), "[core]\n    remote = r\n['remote \"r\"']\n"
                + "    url = " + temp.newFolder("store") + "\n    jobs = many\n");
        CliRun badJobs = CliRun.of("-C", repo.toString(), "data", "push");
        assertThat(badJobs.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(badJobs.err()).contains("remote \"r\".jobs").contains("many");
        assertThat(temp.getRoot().toPath().resolve("store")).isEmptyDirectory();
    }

    @Test
    public void shouldFailVerifyWhenTheCacheIsCorrupted() throws Exception {
        Path repo = temp.newFolder("v").toPath();
        Files.writeString(repo.resolve("model.bin"), "weights");
        assertThat(CliRun.of("-C", repo.toString(), "data", "add", "model.bin").exitCode()).isZero();
        try (var objects = Files.walk(repo.resolve(".dvc/cache/files"))) {
            Path object = objects.filter(Files::isRegularFile).findFirst().orElseThrow();
            object.toFile().setWritable(true);
            Files.writeString(object, "tampered");
        }

        CliRun run = CliRun.of("-C", repo.toString(), "data", "verify");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.out()).contains("model.bin").contains("corrupted");
    }

    @Test
    public void shouldRunTheDemoEndToEnd() throws Exception {
        Path dir = temp.newFolder("demo").toPath();

        CliRun run = CliRun.of("demo", "--dir", dir.toString(), "--json", "-q");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode result = JSON.readTree(run.out());
        assertThat(result.get("verified").asBoolean()).isTrue();
        assertThat(result.get("pulled").asInt()).isEqualTo(result.get("pushed").asInt()).isPositive();
        assertThat(dir.resolve("repo/data.dvc")).exists();
        assertThat(run.err()).contains("Verified");
        assertThat(result.get("skippedRun").asText()).as("the identical second training is skipped").isNotBlank();
        assertThat(result.get("production").asText()).isEqualTo("models:/quickstart-classifier/1");
        assertThat(result.get("verdict").asText()).as("accuracy improves, loss regresses past its 0.2% bound")
                .isEqualTo("unstable");
        assertThat(dir.resolve("report.md")).content().startsWith("<!-- mlci-report -->\n## ⚠️ mlci gate unstable — loss")
                .contains("| accuracy | 0.9 | 0.91 | +0.01 |");
        assertThat(dir.resolve("dashboard.html")).content().contains("quickstart-classifier v1 (production)");
    }
}
