package io.mlci.core.data.workspace;

import io.mlci.core.data.cache.StatCache;
import io.mlci.core.data.cache.TreeCache;
import io.mlci.core.data.hash.HashAlgorithm;
import io.mlci.core.data.hash.HashKernel;
import io.mlci.core.data.pointer.DvcIgnore;
import io.mlci.core.progress.ProgressListener;
import io.mlci.core.testing.TestRepos;
import org.junit.Assume;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs on both MD5 paths: each tree here must hash to the same DVC {@code .dir} hash whether its
 * files go through MessageDigest one by one or through the vector kernel's lanes (forced with
 * {@code MLCI_HASH=simd}, which uses the lanes even for a tree of two files).
 */
@RunWith(Parameterized.class)
public class WorkspaceHasherTest {

    @Parameterized.Parameters(name = "MLCI_HASH={0}")
    public static List<String> kernels() {
        return List.of("scalar", "simd");
    }

    @Parameterized.Parameter
    public String kernelName;

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private final TreeCache trees = TreeCache.inMemory();

    private Path root() throws Exception {
        return temp.getRoot().toPath().toRealPath();
    }

    private WorkspaceHasher hasher(StatCache cache) throws Exception {
        HashKernel kernel = HashKernel.choose(Map.of(HashKernel.ENV, kernelName));
        Assume.assumeTrue(kernel.reason(), kernelName.equals("scalar") || kernel.simd());
        return new WorkspaceHasher(root(), cache, trees, DvcIgnore.load(root()), 2, ProgressListener.NONE, () -> kernel);
    }

    @Test
    public void shouldHashADirectoryLikeDvcsWorkedExample() throws Exception {
        TestRepos.write(root(), "data/foo", "foo");
        TestRepos.write(root(), "data/bar", "bar");

        WorkspaceHasher.Hashed hashed = hasher(StatCache.inMemory()).hash(root().resolve("data"), HashAlgorithm.MD5);

        assertThat(hashed.hash()).isEqualTo("5ea40360f5b4ec688df672a4db9c17d1.dir");
        assertThat(hashed.size()).isEqualTo(6);
        assertThat(hashed.nfiles()).isEqualTo(2);
    }

    @Test
    public void shouldHashAnEmptyDirectory() throws Exception {
        Files.createDirectories(root().resolve("empty"));

        assertThat(hasher(StatCache.inMemory()).hash(root().resolve("empty"), HashAlgorithm.MD5).hash())
                .isEqualTo("d751713988987e9331980363e24189ce.dir");
    }

    @Test
    public void shouldUsePosixRelpathsForNestedFilesAndKeepEmptyFiles() throws Exception {
        TestRepos.write(root(), "data/a/b/c.txt", "x");
        TestRepos.write(root(), "data/empty", "");

        WorkspaceHasher.Hashed hashed = hasher(StatCache.inMemory()).hash(root().resolve("data"), HashAlgorithm.MD5);

        assertThat(hashed.listing().entries()).extracting(e -> e.relpath()).containsExactly("a/b/c.txt", "empty");
        assertThat(hashed.listing().entries().get(1).md5()).isEqualTo("d41d8cd98f00b204e9800998ecf8427e");
    }

    @Test
    public void shouldLeaveOutWhatDvcignoreExcludes() throws Exception {
        TestRepos.write(root(), "data/foo", "foo");
        TestRepos.write(root(), "data/bar", "bar");
        TestRepos.write(root(), "data/cache/junk", "junk");
        TestRepos.write(root(), "data/notes.tmp", "junk");
        TestRepos.write(root(), ".dvcignore", "*.tmp\ndata/cache/\n");

        assertThat(hasher(StatCache.inMemory()).hash(root().resolve("data"), HashAlgorithm.MD5).hash())
                .isEqualTo("5ea40360f5b4ec688df672a4db9c17d1.dir");
    }

    @Test
    public void shouldNotRereadFilesTheStatCacheKnows() throws Exception {
        Path file = TestRepos.write(root(), "data/foo", "foo");
        FileTime old = FileTime.fromMillis(System.currentTimeMillis() - 60_000);
        Files.setLastModifiedTime(file, old);
        StatCache cache = StatCache.inMemory();
        assertThat(hasher(cache).hash(file, HashAlgorithm.MD5).hash()).isEqualTo("acbd18db4cc2f85cedef654fccc4a4d8");

        // Change the bytes in place but keep inode, size and mtime: only a re-read could notice.
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.write("bar".getBytes());
        }
        Files.setLastModifiedTime(file, old);

        assertThat(hasher(cache).hash(file, HashAlgorithm.MD5).hash()).isEqualTo("acbd18db4cc2f85cedef654fccc4a4d8");
        assertThat(hasher(StatCache.inMemory()).hash(file, HashAlgorithm.MD5).hash()).isEqualTo("37b51d194a7513e45b56f6524f2d51f2");
    }

    @Test
    public void shouldAnswerUnchangedDirectoriesFromTheTreeCache() throws Exception {
        Path foo = TestRepos.write(root(), "data/foo", "foo");
        Path bar = TestRepos.write(root(), "data/bar", "bar");
        FileTime old = FileTime.fromMillis(System.currentTimeMillis() - 60_000);
        Files.setLastModifiedTime(foo, old);
        Files.setLastModifiedTime(bar, old);
        Path data = root().resolve("data");
        assertThat(hasher(StatCache.inMemory()).hash(data, HashAlgorithm.MD5).hash())
                .isEqualTo("5ea40360f5b4ec688df672a4db9c17d1.dir");

        // Same inode, size and mtime, other bytes, and an empty stat cache: only the tree cache
        // can still answer with the old hash.
        try (RandomAccessFile raf = new RandomAccessFile(foo.toFile(), "rw")) {
            raf.write("fox".getBytes());
        }
        Files.setLastModifiedTime(foo, old);
        WorkspaceHasher.Hashed cached = hasher(StatCache.inMemory()).hash(data, HashAlgorithm.MD5);
        assertThat(cached.hash()).isEqualTo("5ea40360f5b4ec688df672a4db9c17d1.dir");
        assertThat(cached.nfiles()).isEqualTo(2);

        Files.setLastModifiedTime(foo, FileTime.fromMillis(System.currentTimeMillis() - 30_000));
        assertThat(hasher(StatCache.inMemory()).hash(data, HashAlgorithm.MD5).hash())
                .isNotEqualTo("5ea40360f5b4ec688df672a4db9c17d1.dir");
    }

    @Test
    public void shouldNoticeAnAddedFileDespiteTheTreeCache() throws Exception {
        Path foo = TestRepos.write(root(), "data/foo", "foo");
        Files.setLastModifiedTime(foo, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        Path data = root().resolve("data");
        String before = hasher(StatCache.inMemory()).hash(data, HashAlgorithm.MD5).hash();

        Path bar = TestRepos.write(root(), "data/bar", "bar");
        Files.setLastModifiedTime(bar, FileTime.fromMillis(System.currentTimeMillis() - 60_000));

        assertThat(hasher(StatCache.inMemory()).hash(data, HashAlgorithm.MD5).hash())
                .isNotEqualTo(before).isEqualTo("5ea40360f5b4ec688df672a4db9c17d1.dir");
    }

    @Test
    public void shouldGiveAManyFileTreeTheSameDirHashAsMessageDigestFileByFile() throws Exception {
        Random random = new Random(3);
        for (int i = 0; i < 300; i++) {
            byte[] bytes = new byte[i % 10 == 0 ? random.nextInt(300_000) : random.nextInt(3_000)];
            random.nextBytes(bytes);
            Path file = root().resolve("data/part-" + (i % 7) + "/file-" + i);
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
        }
        Path data = root().resolve("data");

        WorkspaceHasher.Hashed hashed = hasher(StatCache.inMemory()).hashWithListing(data, HashAlgorithm.MD5);
        WorkspaceHasher.Hashed reference = new WorkspaceHasher(root(), StatCache.inMemory(), TreeCache.inMemory(),
                DvcIgnore.load(root()), 1, ProgressListener.NONE, () -> HashKernel.choose(Map.of(HashKernel.ENV, "scalar")))
                .hashWithListing(data, HashAlgorithm.MD5);

        assertThat(hashed.listing().entries()).isEqualTo(reference.listing().entries());
        assertThat(hashed.hash()).isEqualTo(reference.hash());
        assertThat(hashed.nfiles()).isEqualTo(300);
    }
}
