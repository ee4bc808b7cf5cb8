package io.mlci.cli;

import io.mlci.core.storage.FileTrees;
import io.mlci.core.testing.TestRepos;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Two real 'mlci data pull' processes into one workspace at once, as two CI steps on one agent would. */
public class ConcurrentPullTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void shouldLetTwoConcurrentPullsIntoOneWorkspaceBothSucceed() throws Exception {
        Path repo = temp.newFolder("repo").toPath().toRealPath();
        TestRepos.randomFiles(repo.resolve("data"), 400, 2048, 11);
        assertThat(CliRun.of("-C", repo.toString(), "-q", "data", "add", "data").exitCode()).isZero();
        assertThat(CliRun.of("-C", repo.toString(), "remote", "add", "store", "../remote", "--default").exitCode()).isZero();
        assertThat(CliRun.of("-C", repo.toString(), "-q", "data", "push").exitCode()).isZero();
        FileTrees.delete(repo.resolve("data"));
        FileTrees.delete(repo.resolve(".dvc/cache"));

        List<Process> pulls = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            pulls.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                    "-C", repo.toString(), "data", "pull", "--link", "copy")
                    .redirectErrorStream(true).start());
        }
        for (Process pull : pulls) {
            assertThat(pull.waitFor(120, TimeUnit.SECONDS)).isTrue();
            String output = new String(pull.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(pull.exitValue()).as(output).isZero();
        }

        CliRun verify = CliRun.of("-C", repo.toString(), "data", "verify");
        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
        try (var files = Files.walk(repo)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.startsWith(".mlci-tmp-"));
        }
    }

    @Test
    public void shouldLetAPullOfAnotherPathFinishWhileALargeAddIsCaching() throws Exception {
        Path repo = temp.newFolder("repo2").toPath().toRealPath();
        String dir = repo.toString();
        TestRepos.write(repo, "small/a.csv", "a");
        assertThat(CliRun.of("-C", dir, "-q", "data", "add", "small").exitCode()).isZero();
        assertThat(CliRun.of("-C", dir, "remote", "add", "store", "../remote2", "--default").exitCode()).isZero();
        assertThat(CliRun.of("-C", dir, "-q", "data", "push").exitCode()).isZero();
        FileTrees.delete(repo.resolve("small"));
        FileTrees.delete(repo.resolve(".dvc/cache"));
        TestRepos.randomFiles(repo.resolve("big"), 500, 256 * 1024, 3);

        Process add = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "-C", dir, "-q", "data", "add", "big")
                .redirectErrorStream(true).start();
        Path objects = repo.resolve(".dvc/cache/files/md5");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (cachedObjects(objects) < 5 && add.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        CliRun pull = CliRun.of("-C", dir, "data", "pull", "small");
        boolean addStillRunning = add.isAlive();

        assertThat(pull.exitCode()).as(pull.out() + pull.err()).isZero();
        assertThat(pull.out() + pull.err()).doesNotContain("waiting for another mlci command");
        assertThat(addStillRunning).as("the add was still hashing and caching when the pull finished").isTrue();
        assertThat(add.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(add.exitValue()).as(new String(add.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
        assertThat(Files.readString(repo.resolve("small/a.csv"))).isEqualTo("a");
        CliRun verify = CliRun.of("-C", dir, "data", "verify");
        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
        assertThat(verify.out() + verify.err()).doesNotContain("big.dvc: missing");
    }

    private static long cachedObjects(Path objects) throws Exception {
        if (!Files.isDirectory(objects)) {
            return 0;
        }
        try (var files = Files.walk(objects)) {
            return files.filter(Files::isRegularFile).count();
        }
    }
}
