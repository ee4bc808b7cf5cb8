package io.mlci.core.run.code;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.transport.RefSpec;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

public class NoBackgroundGcTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void shouldLeaveNoGcRunningWhenAFetchReturns() throws Exception {
        Path source = temp.newFolder("source").toPath();
        try (Git git = Git.init().setDirectory(source.toFile()).call()) {
            for (int i = 0; i < 5; i++) {
                Files.writeString(source.resolve("f"), "version " + i);
                git.add().addFilepattern("f").call();
                git.commit().setMessage("v" + i).setSign(false).call();
            }
        }
        Path bare = temp.newFolder("bare").toPath();
        try (Git git = Git.init().setBare(true).setDirectory(bare.toFile()).call()) {
            NoBackgroundGc.apply(git.getRepository());
            for (int i = 0; i < 5; i++) {
                git.fetch().setRemote(source.resolve(".git").toString())
                        .setRefSpecs(new RefSpec("+refs/heads/*:refs/fetched" + i + "/*")).call();
                // JGit takes this lock before handing an automatic gc to a background thread
                assertThat(bare.resolve("gc.log.lock")).as("fetch " + i).doesNotExist();
            }
            assertThat(git.getRepository().getConfig().getBoolean("gc", "autoDetach", true)).isFalse();
            assertThat(git.getRepository().getConfig().getBoolean("fetch", "autogc", true)).isFalse();
        }
        try (Git reopened = Git.open(bare.toFile())) {
            assertThat(reopened.getRepository().getConfig().getInt("gc", "auto", -1)).as("saved").isZero();
        }
    }
}
