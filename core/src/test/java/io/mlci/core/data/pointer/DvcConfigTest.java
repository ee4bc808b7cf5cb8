package io.mlci.core.data.pointer;

import io.mlci.core.InvalidInputException;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

public class DvcConfigTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void shouldReadRemotesAndOverlayConfigLocal() throws Exception {
        Path dvc = temp.newFolder(".dvc").toPath();
        Files.writeString(dvc.resolve("config"), """
                [core]
                    remote = storage
                    autostage = true
                ['remote "storage"']
                    url = s3://ml-data/project
                    endpointurl = http://minio:9000
                [remote "backup"]
                    url = ../backup   # a comment
                [cache]
                    type = "hardlink,symlink"
                """);
        Files.writeString(dvc.resolve("config.local"), """
                ['remote "storage"']
                    access_key_id = AKIAEXAMPLE
                    secret_access_key = secret
                """);

        DvcConfig config = DvcConfig.load(dvc);

        assertThat(config.defaultRemoteName()).contains("storage");
        RemoteConfig storage = config.remote(null);
        assertThat(storage.url()).isEqualTo("s3://ml-data/project");
        assertThat(storage.option("endpointurl")).isEqualTo("http://minio:9000");
        assertThat(storage.option("access_key_id")).isEqualTo("AKIAEXAMPLE");
        assertThat(config.remote("backup").url()).isEqualTo("../backup");
        assertThat(config.get("cache", "type")).contains("hardlink,symlink");
        assertThat(config.remoteNames()).containsExactly("backup", "storage");
    }

    @Test
    public void shouldWriteRemotesAsDvcRemoteAddDoes() throws Exception {
        Path dvc = temp.newFolder(".dvc").toPath();

        DvcConfig.addRemote(dvc, "myremote", "s3://bucket/path", true);

        assertThat(Files.readString(dvc.resolve("config"))).isEqualTo(
                "[core]\n    remote = myremote\n['remote \"myremote\"']\n    url = s3://bucket/path\n");
    }

    @Test
    public void shouldKeepOtherSectionsWhenAddingARemote() throws Exception {
        Path dvc = temp.newFolder(".dvc").toPath();
        Files.writeString(dvc.resolve("config"), "[core]\n    autostage = true\n[cache]\n    type = copy\n");

        DvcConfig.addRemote(dvc, "r", "/data/store", false);

        DvcConfig config = DvcConfig.load(dvc);
        assertThat(config.get("core", "autostage")).contains("true");
        assertThat(config.get("cache", "type")).contains("copy");
        assertThat(config.remote("r").url()).isEqualTo("/data/store");
        assertThat(config.defaultRemoteName()).isEmpty();
    }

    @Test
    public void shouldExplainAMissingDefaultRemote() throws Exception {
        Path dvc = temp.newFolder(".dvc").toPath();

        assertThatThrownBy(() -> DvcConfig.load(dvc).remote(null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("core.remote")
                .hasMessageContaining("mlci remote add");
    }

    @Test
    public void shouldNameAnUnknownRemoteAndListTheKnownOnes() throws Exception {
        Path dvc = temp.newFolder(".dvc").toPath();
        DvcConfig.addRemote(dvc, "a", "/x", false);

        assertThatThrownBy(() -> DvcConfig.load(dvc).remote("b"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'b' is not defined")
                .hasMessageContaining("[a]");
    }

    @Test
    public void shouldNameTheLineOfMalformedIni() throws Exception {
        Path dvc = temp.newFolder(".dvc").toPath();
        Files.writeString(dvc.resolve("config"), "[core]\n    remote = x\n[broken\n");

        assertThatThrownBy(() -> DvcConfig.load(dvc))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("config")
                .hasMessageContaining("line 3");
    }

    @Test
    public void shouldRefuseKeysOutsideSections() throws Exception {
        Path dvc = temp.newFolder(".dvc").toPath();
        Files.writeString(dvc.resolve("config"), "remote = x\n");

        assertThatThrownBy(() -> DvcConfig.load(dvc))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("line 1");
    }
}
