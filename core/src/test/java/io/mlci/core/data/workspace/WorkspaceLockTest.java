package io.mlci.core.data.workspace;

import io.mlci.core.data.pointer.DvcConfig;
import io.mlci.core.progress.ProgressListener;
import io.mlci.core.storage.FileTrees;
import io.mlci.core.testing.TestRepos;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

public class WorkspaceLockTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void shouldMakeASecondPullWaitForTheWorkspaceAndThenSucceed() throws Exception {
        Path repo = temp.newFolder("repo").toPath().toRealPath();
        TestRepos.randomFiles(repo.resolve("data"), 20, 512, 3);
        try (DataWorkspace workspace = DataWorkspace.open(repo, DataOptions.defaults())) {
            workspace.add(repo.resolve("data"));
        }
        DvcConfig.addRemote(repo.resolve(".dvc"), "store", temp.newFolder("remote").getPath(), true);
        try (DataWorkspace workspace = DataWorkspace.open(repo, DataOptions.defaults())) {
            workspace.push(null, List.of());
        }
        FileTrees.delete(repo.resolve("data"));

        CompletableFuture<PullResult> pull;
        try (WorkspaceLock held = WorkspaceLock.acquire(repo.resolve(".dvc/tmp/mlci"), Duration.ofMinutes(1), ProgressListener.NONE)) {
            pull = CompletableFuture.supplyAsync(() -> {
                try (DataWorkspace workspace = DataWorkspace.open(repo, DataOptions.defaults())) {
                    return workspace.pull(null, List.of(), false);
                }
            });
            Thread.sleep(500);
            assertThat(pull).as("a pull while another command holds the workspace").isNotDone();
            assertThat(repo.resolve("data")).doesNotExist();
        }

        assertThat(pull.get(30, TimeUnit.SECONDS).placed()).isEqualTo(20);
    }
}
