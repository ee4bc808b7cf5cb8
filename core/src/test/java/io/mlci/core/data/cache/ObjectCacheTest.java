package io.mlci.core.data.cache;

import io.mlci.core.IntegrityException;
import io.mlci.core.data.hash.DirEntry;
import io.mlci.core.data.hash.DirListing;
import io.mlci.core.data.hash.HashAlgorithm;
import io.mlci.core.data.hash.ObjectId;
import io.mlci.core.progress.ProgressListener;
import io.mlci.core.storage.AtomicFiles;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.io.ByteArrayInputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

public class ObjectCacheTest {

    private static final ObjectId FOO = new ObjectId("acbd18db4cc2f85cedef654fccc4a4d8", HashAlgorithm.MD5);

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private ObjectCache cache() {
        return new ObjectCache(temp.getRoot().toPath().resolve("cache"), StatCache.inMemory(), ProgressListener.NONE);
    }

    private static ByteArrayInputStream bytes(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    public void shouldStoreObjectsInDvc3LayoutReadOnly() throws Exception {
        ObjectCache cache = cache();

        cache.addStream(bytes("foo"), FOO);

        Path object = temp.getRoot().toPath().resolve("cache/files/md5/ac/bd18db4cc2f85cedef654fccc4a4d8");
        assertThat(object).hasContent("foo");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(object))).isEqualTo("r--r--r--");
    }

    @Test
    public void shouldStoreLegacyObjectsAtTheCacheRoot() {
        ObjectId legacy = new ObjectId("acbd18db4cc2f85cedef654fccc4a4d8", HashAlgorithm.MD5_DOS2UNIX);

        assertThat(cache().pathOf(legacy)).isEqualTo(temp.getRoot().toPath().resolve("cache/ac/bd18db4cc2f85cedef654fccc4a4d8"));
    }

    @Test
    public void shouldRefuseATruncatedDownloadAndLeaveNothingBehind() {
        ObjectCache cache = cache();

        assertThatThrownBy(() -> cache.addStream(bytes("fo"), FOO)).isInstanceOf(IntegrityException.class)
                .hasMessageContaining(FOO.value());

        assertThat(cache.containsVerified(FOO)).isFalse();
        assertThat(temp.getRoot().toPath().resolve("cache/tmp")).isEmptyDirectory();
    }

    @Test
    public void shouldDetectAFlippedByteAndDiscardTheObject() throws Exception {
        ObjectCache cache = cache();
        cache.addStream(bytes("foo"), FOO);
        Path object = cache.pathOf(FOO);
        object.toFile().setWritable(true);
        try (RandomAccessFile file = new RandomAccessFile(object.toFile(), "rw")) {
            file.seek(1);
            file.write('x');
        }
        List<String> notes = new ArrayList<>();

        ObjectCache reopened = new ObjectCache(cache.cacheDir(), StatCache.inMemory(), recording(notes));

        assertThat(reopened.containsVerified(FOO)).isFalse();
        assertThat(object).doesNotExist();
        assertThat(notes).singleElement().asString().contains("corrupted");
    }

    @Test
    public void shouldDetectCorruptionEvenAfterAVerifiedRead() throws Exception {
        StatCache verified = StatCache.inMemory();
        ObjectCache cache = new ObjectCache(temp.getRoot().toPath().resolve("cache"), verified, ProgressListener.NONE);
        cache.addStream(bytes("foo"), FOO);
        Path object = cache.pathOf(FOO);
        // make the object old enough to be remembered, then verify it once
        Files.setLastModifiedTime(object, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        assertThat(cache.containsVerified(FOO)).isTrue();

        object.toFile().setWritable(true);
        Files.writeString(object, "fox");

        assertThat(cache.containsVerified(FOO)).isFalse();
    }

    @Test
    public void shouldStoreAndReadDirectoryListings() {
        ObjectCache cache = cache();
        DirListing listing = DirListing.of(List.of(new DirEntry("bar", "37b51d194a7513e45b56f6524f2d51f2", 3),
                new DirEntry("foo", FOO.value(), 3)));

        ObjectId id = cache.addListing(listing, HashAlgorithm.MD5);

        assertThat(id.value()).isEqualTo("5ea40360f5b4ec688df672a4db9c17d1.dir");
        assertThat(cache.readListing(id).entries()).extracting(DirEntry::relpath).containsExactly("bar", "foo");
    }

    @Test
    public void shouldSurviveManyThreadsWritingTheSameObjects() throws Exception {
        ObjectCache cache = cache();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            futures.add(pool.submit(() -> {
                cache.addStream(bytes("foo"), FOO);
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        pool.shutdown();

        assertThat(cache.containsVerified(FOO)).isTrue();
        assertThat(temp.getRoot().toPath().resolve("cache/tmp")).isEmptyDirectory();
    }

    @Test
    public void shouldRemoveTemporariesOfDeadProcessesOnly() throws Exception {
        ObjectCache cache = cache();
        Path tmp = Files.createDirectories(cache.cacheDir().resolve("tmp"));
        Path dead = Files.writeString(tmp.resolve(AtomicFiles.TEMP_MARKER + "999999999-abc-object"), "partial");
        Path live = AtomicFiles.tempBeside(tmp.resolve("object"));
        Files.writeString(live, "in progress");

        assertThat(cache.cleanStaleTemporaries()).isEqualTo(1);

        assertThat(dead).doesNotExist();
        assertThat(live).exists();
    }

    static ProgressListener recording(List<String> notes) {
        return new ProgressListener() {
            @Override
            public void begin(String phase, long totalItems, long totalBytes) {
            }

            @Override
            public void advance(long items, long bytes) {
            }

            @Override
            public void end() {
            }

            @Override
            public void note(String message) {
                notes.add(message);
            }
        };
    }
}
