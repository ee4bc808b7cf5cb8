package io.mlci.core.run.checkpoint;

import io.mlci.core.data.cache.ObjectCache;
import io.mlci.core.data.cache.StatCache;
import io.mlci.core.data.transfer.Transfer;
import io.mlci.core.progress.ProgressListener;
import io.mlci.core.storage.LocalBlobStore;
import io.mlci.core.storage.RetryPolicy;
import io.mlci.core.testing.TestRepos;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

public class CheckpointSyncTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private Path remote;
    private Path manifests;
    private final List<String> log = new CopyOnWriteArrayList<>();

    @Before
    public void createStores() throws Exception {
        remote = temp.newFolder("remote").toPath();
        manifests = temp.newFolder("manifests").toPath();
    }

    /** A workspace with its own cache, as a fresh agent would have. */
    private CheckpointSync agent(String name) throws Exception {
        return agent(name, "key-1");
    }

    private CheckpointSync agent(String name, String runKey) throws Exception {
        Path root = temp.getRoot().toPath().resolve(name);
        Files.createDirectories(root);
        ObjectCache cache = new ObjectCache(root.resolve(".dvc/cache"), StatCache.inMemory(), ProgressListener.NONE);
        Transfer transfer = new Transfer(cache, new LocalBlobStore(remote), RetryPolicy.DEFAULT, 2, ProgressListener.NONE);
        return new CheckpointSync(root, root.resolve("ckpt"), runKey, cache, transfer, new LocalBlobStore(manifests),
                Duration.ofHours(1), log::add);
    }

    private Path dir(String agent) {
        return temp.getRoot().toPath().resolve(agent).resolve("ckpt");
    }

    @Test
    public void shouldUploadOnlyWhatChanged() throws Exception {
        CheckpointSync sync = agent("a");
        TestRepos.write(dir("a"), "epoch.txt", "1");
        TestRepos.write(dir("a"), "weights/layer1.bin", "w1");

        assertThat(sync.sync()).isEqualTo(2);
        assertThat(sync.sync()).isZero();
        Files.writeString(dir("a").resolve("epoch.txt"), "2");
        assertThat(sync.sync()).isEqualTo(1);
    }

    @Test
    public void shouldRestoreWritableCheckpointsOnAFreshAgent() throws Exception {
        CheckpointSync first = agent("a");
        TestRepos.write(dir("a"), "epoch.txt", "7");
        TestRepos.write(dir("a"), "weights/layer1.bin", "w7");
        first.sync();

        int restored = agent("b").restore();

        assertThat(restored).isEqualTo(2);
        assertThat(dir("b").resolve("epoch.txt")).hasContent("7");
        assertThat(dir("b").resolve("weights/layer1.bin")).hasContent("w7");
        assertThat(Files.isWritable(dir("b").resolve("epoch.txt"))).as("training overwrites its checkpoints").isTrue();
    }

    @Test
    public void shouldPreferCheckpointsAlreadyInTheWorkspace() throws Exception {
        CheckpointSync first = agent("a");
        TestRepos.write(dir("a"), "epoch.txt", "3");
        first.sync();
        CheckpointSync second = agent("b");
        second.restore(); // this workspace's training starts: it owns the directory from now on
        TestRepos.write(dir("b"), "epoch.txt", "5");

        assertThat(agent("b").restore()).isZero();
        assertThat(dir("b").resolve("epoch.txt")).hasContent("5");
        assertThat(log).anyMatch(line -> line.contains("already has files"));
    }

    @Test
    public void shouldDiscardCheckpointsOfATrainingWithOtherInputs() throws Exception {
        agent("a", "key-1").restore();
        TestRepos.write(dir("a"), "epoch.txt", "20");

        assertThat(agent("a", "key-2").restore()).isZero();
        assertThat(dir("a")).doesNotExist();
        assertThat(log).anyMatch(line -> line.contains("another training"));
    }

    @Test
    public void shouldNotResumeFromTheCheckpointsOfASucceededTraining() throws Exception {
        CheckpointSync first = agent("a");
        TestRepos.write(dir("a"), "epoch.txt", "20");
        first.finish(true);

        assertThat(agent("b").restore()).isZero();
        assertThat(dir("b")).doesNotExist();
    }

    @Test
    public void shouldKeepTheCheckpointsOfAFailedTrainingForTheRetry() throws Exception {
        CheckpointSync first = agent("a");
        TestRepos.write(dir("a"), "epoch.txt", "4");
        first.finish(false);

        assertThat(agent("b").restore()).isEqualTo(1);
    }
}
