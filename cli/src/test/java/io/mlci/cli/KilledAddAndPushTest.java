package io.mlci.cli;

import io.mlci.core.data.hash.FileHasher;
import io.mlci.core.storage.AtomicFiles;
import io.mlci.core.testing.TestRepos;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real 'mlci data add' and 'mlci data push' processes killed with SIGKILL at random moments:
 * the pointer is always the old or the new one, complete; no cache or remote object holds
 * other bytes than its name says; the next run ignores and cleans what the killed one left.
 */
public class KilledAddAndPushTest {

    private static final int KILLS = 6;

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void shouldLeaveTheOldOrTheNewPointerWhenAddIsKilled() throws Exception {
        Path repo = temp.newFolder("repo").toPath().toRealPath();
        TestRepos.randomFiles(repo.resolve("data"), 300, 256 * 1024, 5);
        assertThat(run(repo, "data", "add", "data").exitCode()).isZero();
        String oldPointer = Files.readString(repo.resolve("data.dvc"));
        TestRepos.randomFiles(repo.resolve("data/v2"), 300, 256 * 1024, 6);
        long fullAdd = timed(repo, "data", "add", "data");
        String newPointer = Files.readString(repo.resolve("data.dvc"));
        assertThat(newPointer).isNotEqualTo(oldPointer);

        Random random = new Random(System.nanoTime());
        int midway = 0;
        long lastPid = -1;
        for (int i = 0; i < KILLS; i++) {
            Files.writeString(repo.resolve("data.dvc"), oldPointer);
            Files.writeString(repo.resolve("data/v2/extra-" + i), "change " + i);
            Process add = start(repo, "data", "add", "data");
            lastPid = add.pid();
            if (!add.waitFor(fullAdd / 10 + (long) (random.nextDouble() * fullAdd * 0.8), TimeUnit.MILLISECONDS)) {
                add.destroyForcibly().waitFor();
                midway++;
            }
            String pointer = Files.readString(repo.resolve("data.dvc"));
            assertThat(pointer.equals(oldPointer) || pointer.contains("nfiles: " + (601 + i)))
                    .as("pointer after kill %d is the old or the complete new one:%n%s", i, pointer).isTrue();
            assertEveryObjectMatchesItsName(repo.resolve(".dvc/cache/files/md5"));
        }
        assertThat(midway).as("kills that interrupted a running add").isGreaterThan(0);
        // a kill at the very moment the pointer is written leaves a temporary beside it
        Files.writeString(repo.resolve(AtomicFiles.TEMP_MARKER + lastPid + "-1a2b-data.dvc"), "outs:\n- md5: 12");

        CliRun status = run(repo, "data", "status");
        CliRun again = run(repo, "data", "add", "data");

        assertThat(status.exitCode()).as(status.out() + status.err()).isZero();
        assertThat(status.out()).doesNotContain(AtomicFiles.TEMP_MARKER);
        assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
        assertThat(run(repo, "data", "verify").exitCode()).isZero();
        assertThat(temporaries(repo)).as("temporaries left after the next add").isEmpty();
    }

    @Test
    public void shouldNeverLeaveAPartialObjectOnTheRemoteWhenPushIsKilled() throws Exception {
        Path repo = temp.newFolder("repo").toPath().toRealPath();
        Path remote = temp.newFolder("remote").toPath().toRealPath();
        TestRepos.randomFiles(repo.resolve("data"), 300, 512 * 1024, 7);
        assertThat(run(repo, "data", "add", "data").exitCode()).isZero();
        assertThat(run(repo, "remote", "add", "store", remote.toString(), "--default").exitCode()).isZero();
        long fullPush = timed(repo, "data", "push");

        Random random = new Random(System.nanoTime());
        int midway = 0;
        for (int i = 0; i < KILLS; i++) {
            try (Stream<Path> objects = Files.list(remote)) {
                for (Path top : objects.toList()) {
                    io.mlci.core.storage.FileTrees.delete(top);
                }
            }
            Process push = start(repo, "data", "push", "-j", "4");
            if (!push.waitFor(fullPush / 10 + (long) (random.nextDouble() * fullPush * 0.8), TimeUnit.MILLISECONDS)) {
                push.destroyForcibly().waitFor();
                midway++;
            }
            assertEveryObjectMatchesItsName(remote.resolve("files/md5"));
        }
        assertThat(midway).as("kills that interrupted a running push").isGreaterThan(0);

        CliRun push = run(repo, "data", "push");
        CliRun status = run(repo, "data", "status", "-c", "--verify", "--check");

        assertThat(push.exitCode()).as(push.out() + push.err()).isZero();
        assertThat(status.exitCode()).as(status.out() + status.err()).isZero();
        assertThat(status.out()).contains("in sync");
    }

    private static CliRun run(Path repo, String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "-C";
        all[1] = repo.toString();
        all[2] = "-q";
        System.arraycopy(args, 0, all, 3, args.length);
        return CliRun.of(all);
    }

    private static Process start(Path repo, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), Main.class.getName(), "-C", repo.toString(), "-q"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** How long the operation takes as a process here, JVM start included, so kills spread across it. */
    private static long timed(Path repo, String... args) throws Exception {
        long start = System.nanoTime();
        Process process = start(repo, args);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    private static void assertEveryObjectMatchesItsName(Path root) throws Exception {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path object : files.filter(Files::isRegularFile)
                    .filter(p -> !AtomicFiles.isTemp(p.getFileName().toString())).toList()) {
                String name = object.getParent().getFileName().toString() + object.getFileName();
                String expected = name.endsWith(".dir") ? name.substring(0, name.length() - 4) : name;
                assertThat(FileHasher.md5Of(object)).as("object " + object).isEqualTo(expected);
            }
        }
    }

    private static List<Path> temporaries(Path repo) throws Exception {
        Set<String> skipped = Set.of(".git");
        try (Stream<Path> files = Files.walk(repo)) {
            return files.filter(p -> skipped.stream().noneMatch(s -> p.toString().contains("/" + s + "/")))
                    .filter(p -> AtomicFiles.isTemp(p.getFileName().toString())).toList();
        }
    }
}
