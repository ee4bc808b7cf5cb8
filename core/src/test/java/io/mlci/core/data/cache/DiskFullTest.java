package io.mlci.core.data.cache;

import io.mlci.core.MlciException;
import io.mlci.core.data.hash.HashAlgorithm;
import io.mlci.core.data.hash.ObjectId;
import io.mlci.core.progress.ProgressListener;
import io.mlci.core.storage.RetryPolicy;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A full disk while writing the cache. A full file system cannot be made here without root, so
 * the operating system's ENOSPC error is raised by the stream being stored (a stand-in, the one
 * fake in this test); the cache, the temporary file and the retry policy are real.
 */
public class DiskFullTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void shouldNameTheCacheDirectoryAndNotRetryWhenTheDiskIsFull() throws Exception {
        Path cacheDir = temp.newFolder("cache").toPath();
        ObjectCache cache = new ObjectCache(cacheDir, StatCache.inMemory(), ProgressListener.NONE);
        ObjectId id = new ObjectId("acbd18db4cc2f85cedef654fccc4a4d8", HashAlgorithm.MD5);
        AtomicInteger attempts = new AtomicInteger();
        RetryPolicy retry = new RetryPolicy(6, Duration.ofMillis(1), Duration.ofMillis(2));

        assertThatThrownBy(() -> retry.call("download", ProgressListener.NONE, () -> {
            attempts.incrementAndGet();
            return cache.addStream(new NoSpace(), id);
        })).isInstanceOf(MlciException.class)
                .hasMessageContaining("no space left on the device of the cache directory " + cacheDir.toAbsolutePath())
                .hasMessageContaining("cache.dir");

        assertThat(attempts).hasValue(1);
        try (var left = Files.list(cacheDir.resolve("tmp"))) {
            assertThat(left).as("temporaries").isEmpty();
        }
    }

    private static final class NoSpace extends InputStream {
        @Override
        public int read() throws IOException {
            throw new IOException("No space left on device");
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            throw new IOException("No space left on device");
        }
    }
}
