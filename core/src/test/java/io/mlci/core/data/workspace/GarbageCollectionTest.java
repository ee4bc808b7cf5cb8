package io.mlci.core.data.workspace;

import io.mlci.core.data.pointer.DvcConfig;
import io.mlci.core.testing.GitRepos;
import io.mlci.core.testing.TestRepos;
import org.eclipse.jgit.api.Git;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** 'data gc' over a real git repository: what any ref names is kept, a dry run removes nothing. */
public class GarbageCollectionTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private static String shard(String md5) {
        return md5.substring(0, 2) + "/" + md5.substring(2);
    }

    private Path repo;

    private void add(String path, String content) throws Exception {
        TestRepos.write(repo, path, content);
        track(path);
    }

    private void track(String path) {
        try (DataWorkspace workspace = DataWorkspace.open(repo, DataOptions.defaults())) {
            workspace.add(repo.resolve(path));
        }
    }

    private void push() {
        try (DataWorkspace workspace = DataWorkspace.open(repo, DataOptions.defaults())) {
            workspace.push(null, List.of());
        }
    }

    private GcResult gc(boolean allCommits, boolean cloud, boolean force) {
        try (DataWorkspace workspace = DataWorkspace.open(repo, DataOptions.defaults())) {
            return workspace.gc(allCommits, cloud, null, force);
        }
    }

    private String md5(String content) throws Exception {
        try (DataWorkspace workspace = DataWorkspace.openReadOnly(repo, DataOptions.defaults())) {
            Path file = temp.newFile().toPath();
            Files.writeString(file, content);
            String hash = workspace.hash(file).hash();
            return "files/md5/" + shard(hash);
        }
    }

    @Test
    public void shouldKeepWhatAnyRefNamesAndRemoveOnlyWithForce() throws Exception {
        repo = temp.newFolder("repo").toPath().toRealPath();
        Path remote = temp.newFolder("remote").toPath().toRealPath();
        try (Git git = GitRepos.init(repo)) {
            DvcConfig.addRemote(repo.resolve(".dvc"), "store", remote.toString(), true);
            add("model.bin", "v1");
            TestRepos.write(repo, "data/a.csv", "a"); // a directory, so listings are expanded too
            track("data");
            GitRepos.commitAll(git, "v1");
            git.tag().setName("release-1").call();
            add("model.bin", "v2");
            GitRepos.commitAll(git, "v2");
            push();
            add("model.bin", "v3");
            GitRepos.commitAll(git, "v3");
            add("model.bin", "scratch"); // never committed
            push();
            String v1 = md5("v1");
            String v2 = md5("v2");
            String v3 = md5("v3");
            String scratch = md5("scratch");

            GcResult dryRun = gc(false, true, false);

            // v1 is on a tag, v3 on the branch, scratch in the workspace: only v2 (history only) goes.
            assertThat(dryRun.removed()).isFalse();
            assertThat(dryRun.cacheObjects()).containsExactly(v2);
            assertThat(dryRun.cacheBytes()).isEqualTo(2);
            assertThat(dryRun.remoteKeys()).containsExactly(v2);
            assertThat(repo.resolve(".dvc/cache").resolve(v2)).exists();
            assertThat(gc(true, false, false).cacheObjects()).isEmpty();

            GcResult removed = gc(false, true, true);

            assertThat(removed.removed()).isTrue();
            assertThat(repo.resolve(".dvc/cache").resolve(v2)).doesNotExist();
            assertThat(remote.resolve(v2)).doesNotExist();
            for (String kept : List.of(v1, v3, scratch)) {
                assertThat(repo.resolve(".dvc/cache").resolve(kept)).as(kept).exists();
            }
            assertThat(remote.resolve(scratch)).exists();
            assertThat(remote.resolve(md5("a"))).exists();
            assertThat(repo.resolve(".dvc/cache").resolve(md5("a"))).exists();
        }
    }
}
