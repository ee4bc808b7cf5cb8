package io.mlci.cli;

import io.mlci.core.testing.TestRepos;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

public class DataGcCliTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void shouldListWhatGoesInADryRunAndRemoveItOnlyWithForce() throws Exception {
        Path repo = temp.newFolder("repo").toPath().toRealPath();
        String dir = repo.toString();
        TestRepos.write(repo, "model.bin", "old");
        CliRun.of("-C", dir, "-q", "data", "add", "model.bin");
        TestRepos.write(repo, "model.bin", "new weights");
        CliRun.of("-C", dir, "-q", "data", "add", "model.bin");
        // md5("old") = 149603e6c03516362a8da23f624db945
        Path old = repo.resolve(".dvc/cache/files/md5/14/9603e6c03516362a8da23f624db945");
        assertThat(old).exists();

        CliRun dryRun = CliRun.of("-C", dir, "data", "gc");

        assertThat(dryRun.exitCode()).isZero();
        assertThat(dryRun.out()).contains("would remove 1 cache objects (3 B)", "files/md5/14/9603e6c03516362a8da23f624db945",
                "dry run: nothing was removed");
        assertThat(old).exists();

        CliRun forced = CliRun.of("-C", dir, "data", "gc", "--force");

        assertThat(forced.out()).contains("removed 1 cache objects");
        assertThat(old).doesNotExist();
        assertThat(CliRun.of("-C", dir, "data", "verify").exitCode()).isZero();
    }
}
