package io.mlci.core.data.hash;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Computes file hashes exactly as DVC does. One instance per thread: it keeps a reusable read
 * buffer so hashing many small files does not allocate per file.
 *
 * <p>MD5 is sequential, so one large file is one core's work; but reading it as one stream leaves
 * the disk idle between requests. Cloud block devices serve several requests at once many times
 * faster than one after another (measured here: 1 GiB in 3 s as one stream, under 0.5 s as four),
 * so large files are read ahead in chunks by a few I/O threads while this thread digests them in
 * order.
 */
public final class FileHasher {

    private static final int BUFFER_SIZE = 1 << 20;
    /** Below this, a file is read as one stream: it is over before read-ahead would pay. */
    static final long READ_AHEAD_FROM = 32L << 20;
    private static final int CHUNK = 4 << 20;
    /** Chunks requested ahead of the digest: the disk's queue depth for one file, and its memory bound. */
    private static final int IN_FLIGHT = 6;

    /** For the text variant only; most hashers never need it. */
    private ByteBuffer buffer;
    /** Raw reads land here without a copy through the JDK's temporary direct buffer. */
    private final ByteBuffer direct = ByteBuffer.allocateDirect(BUFFER_SIZE);
    private final MessageDigest md5 = newMd5();

    public static MessageDigest newMd5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides MD5", e);
        }
    }

    /** md5 of the file's content under the given variant, lower-case hex. */
    public String hash(Path file, HashAlgorithm algorithm) throws IOException {
        md5.reset();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            if (algorithm == HashAlgorithm.MD5_DOS2UNIX && startsLikeText(channel)) {
                digestDos2Unix(channel);
            } else {
                digestRaw(channel);
            }
        }
        return Hex.encode(md5.digest());
    }

    /** md5 of bytes in memory (used for {@code .dir} listings). */
    public static String md5Hex(byte[] bytes) {
        return Hex.encode(newMd5().digest(bytes));
    }

    /** Convenience for one-off hashes outside hot loops. */
    public static String md5Of(Path file) {
        try {
            return new FileHasher().hash(file, HashAlgorithm.MD5);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private ByteBuffer heapBuffer() {
        if (buffer == null) {
            buffer = ByteBuffer.allocate(BUFFER_SIZE);
        }
        return buffer;
    }

    private boolean startsLikeText(FileChannel channel) throws IOException {
        ByteBuffer buffer = heapBuffer();
        buffer.clear().limit(TextDetector.BLOCK_SIZE);
        while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
            // keep reading until the block is full or the file ends
        }
        boolean text = TextDetector.looksLikeText(buffer.array(), buffer.position());
        channel.position(0);
        return text;
    }

    private void digestRaw(FileChannel channel) throws IOException {
        long size = channel.size();
        if (size < READ_AHEAD_FROM) {
            digestRest(channel, true);
            return;
        }
        CpuShare.PROCESS.bigStarted();
        try {
            ReadAhead.digest(channel, size, CHUNK, IN_FLIGHT, md5);
            channel.position(size); // a file that grew while it was read: the rest is read below
            digestRest(channel, false);
        } finally {
            CpuShare.PROCESS.bigDone();
        }
    }

    /** Digests from the channel's position to its end; a small file's digest steps take their turn. */
    private void digestRest(FileChannel channel, boolean small) throws IOException {
        direct.clear();
        while (channel.read(direct) >= 0) {
            direct.flip();
            boolean counted = small && CpuShare.PROCESS.enterSmall();
            try {
                md5.update(direct);
            } finally {
                if (counted) {
                    CpuShare.PROCESS.exitSmall();
                }
            }
            direct.clear();
        }
    }

    /** Drops every CR that is followed by LF, including pairs split across buffer reads. */
    private void digestDos2Unix(FileChannel channel) throws IOException {
        ByteBuffer buffer = heapBuffer();
        byte[] array = buffer.array();
        boolean pendingCr = false;
        buffer.clear();
        while (channel.read(buffer) >= 0) {
            int length = buffer.position();
            int write = 0;
            int start = 0;
            if (pendingCr) {
                if (length > 0 && array[0] != '\n') {
                    md5.update((byte) '\r');
                }
                pendingCr = false;
            }
            for (int i = 0; i < length; i++) {
                if (array[i] == '\r') {
                    if (i + 1 < length) {
                        if (array[i + 1] == '\n') {
                            continue;
                        }
                    } else {
                        pendingCr = true;
                        continue;
                    }
                }
                array[write++] = array[i];
            }
            md5.update(array, start, write);
            buffer.clear();
        }
        if (pendingCr) {
            md5.update((byte) '\r');
        }
    }
}
