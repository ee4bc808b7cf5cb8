package io.mlci.core.data.workspace;

import io.mlci.core.storage.FileTrees;
import io.mlci.core.data.hash.DirEntry;
import io.mlci.core.data.hash.DirListing;
import io.mlci.core.data.hash.FileHasher;
import io.mlci.core.data.pointer.DvcConfig;
import io.mlci.core.storage.AtomicFiles;
import io.mlci.core.testing.PullProcess;
import io.mlci.core.testing.TestJvm;
import io.mlci.core.testing.TestRepos;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills real pull processes with SIGKILL at random moments and checks that no reader can ever
 * see a partial file: every visible cache object hashes to its name, every visible workspace
 * file has its listed content, and the next pull completes and cleans up.
 */
public class KilledPullTest {

    private static final int KILLS = 10;

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void shouldNeverExposePartialFilesWhenKilledMidPull() throws Exception {
        Path repo = temp.newFolder("repo").toPath().toRealPath();
        Path remote = temp.newFolder("remote").toPath().toRealPath();
        TestRepos.randomFiles(repo.resolve("data"), 600, 256 * 1024, 11);
        DirListing listing;
        try (DataWorkspace workspace = DataWorkspace.open(repo, DataOptions.defaults())) {
            workspace.add(repo.resolve("data"));
            listing = workspace.cache().readListing(workspace.outputs(List.of("data")).get(0).output().objectId());
        }
        DvcConfig.addRemote(repo.resolve(".dvc"), "local", remote.toString(), true);
        try (DataWorkspace workspace = DataWorkspace.open(repo, DataOptions.defaults())) {
            workspace.push(null, List.of());
        }
        FileTrees.delete(repo.resolve(".dvc/cache"));
        FileTrees.delete(repo.resolve("data"));

        long fullPullMillis = timeOneFullPull(repo);
        FileTrees.delete(repo.resolve(".dvc/cache"));
        FileTrees.delete(repo.resolve("data"));

        long seed = System.nanoTime();
        Random random = new Random(seed);
        Map<String, String> expected = new HashMap<>();
        for (DirEntry entry : listing.entries()) {
            expected.put(entry.relpath(), entry.md5());
        }
        int killedMidway = 0;
        // a pull that ends before its kill proves nothing: such attempts are repeated (with the
        // spread of kill times narrowed, as this machine got faster than the first pull said)
        for (int i = 0; i < 3 * KILLS && killedMidway < KILLS; i++) {
            Process pull = startPull(repo);
            long delay = fullPullMillis / 10 + (long) (random.nextDouble() * fullPullMillis * 0.8);
            boolean finished = pull.waitFor(delay, TimeUnit.MILLISECONDS);
            if (!finished) {
                pull.destroyForcibly().waitFor();
                killedMidway++;
            }
            assertOnlyCompleteFilesAreVisible(repo, expected, "seed " + seed + ", kill " + i + " after " + delay + " ms");
            if (finished) {
                // the pull won the race; start over from nothing so the next kill lands mid-way
                FileTrees.delete(repo.resolve(".dvc/cache"));
                FileTrees.delete(repo.resolve("data"));
                fullPullMillis = Math.max(100, fullPullMillis * 3 / 4);
            }
        }

        assertThat(killedMidway).as("kills that interrupted a running pull").isGreaterThan(KILLS / 2);

        try (DataWorkspace workspace = DataWorkspace.open(repo, DataOptions.defaults().withLinkTypes(List.of(LinkType.COPY)))) {
            workspace.pull(null, List.of(), false);
            assertThat(workspace.verify(List.of())).isEmpty();
        }
        assertThat(temporaries(repo)).as("temporaries left after the final pull").isEmpty();
    }

    /** How long a pull takes here, JVM start included, so kills can be spread across it. */
    private static long timeOneFullPull(Path repo) throws Exception {
        long start = System.nanoTime();
        Process pull = startPull(repo);
        assertThat(pull.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(pull.exitValue()).as("an undisturbed pull succeeds").isZero();
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    private static Process startPull(Path repo) throws Exception {
        return TestJvm.builder(PullProcess.class, repo.toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static void assertOnlyCompleteFilesAreVisible(Path repo, Map<String, String> expected, String context)
            throws Exception {
        ObjectCacheCheck.assertEveryObjectMatchesItsName(repo.resolve(".dvc/cache/files/md5"), context);
        Path data = repo.resolve("data");
        if (!Files.isDirectory(data)) {
            return;
        }
        try (Stream<Path> files = Files.walk(data)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (AtomicFiles.isTemp(file.getFileName().toString())) {
                    continue;
                }
                String relpath = data.relativize(file).toString();
                assertThat(FileHasher.md5Of(file)).as(context + ": workspace file " + relpath).isEqualTo(expected.get(relpath));
            }
        }
    }

    private static List<Path> temporaries(Path repo) throws Exception {
        try (Stream<Path> files = Files.walk(repo)) {
            return files.filter(p -> AtomicFiles.isTemp(p.getFileName().toString())).toList();
        }
    }

    /** Re-hashes every object under a cache root, ignoring the temporaries directory. */
    static final class ObjectCacheCheck {
        static void assertEveryObjectMatchesItsName(Path root, String context) throws Exception {
            if (!Files.isDirectory(root)) {
                return;
            }
            try (Stream<Path> files = Files.walk(root)) {
                for (Path object : files.filter(Files::isRegularFile).toList()) {
                    String name = object.getParent().getFileName().toString() + object.getFileName();
                    String content = FileHasher.md5Of(object);
                    String expected = name.endsWith(".dir") ? name.substring(0, name.length() - 4) : name;
                    assertThat(content).as(context + ": cache object " + name).isEqualTo(expected);
                }
            }
        }
    }
}
