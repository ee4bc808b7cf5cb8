package io.mlci.core.data.hash;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hashes many files at once, one file per lane of a {@link LaneCompressor}: the md5 of each file
 * is exactly what {@link FileHasher} computes with {@code MessageDigest}, but 8 or 16 files
 * advance with each step of the kernel.
 *
 * <p>Each lane reads its file in chunks into its own region of one int array, which the kernel
 * gathers from; at the end of the file the lane's MD5 padding and bit length are written after the
 * data, so the kernel only ever sees whole blocks. A lane whose file is done is refilled with the next file from the
 * feed at once, so lanes never wait for the longest file of a group. Files are read to their end
 * as they are at that moment, like {@link FileHasher} does.
 *
 * <p>One instance per thread; it keeps its buffers between calls.
 */
public final class MultiBufferMd5 {

    /** Bytes read into a lane at a time; a multiple of the 64-byte block. */
    static final int CHUNK = 128 << 10;
    /** Blocks compressed per kernel call: amortises the call and state loads. */
    private static final int MAX_BATCH = 8;
    private static final int[] INITIAL = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476};
    /**
     * Files per process whose bytes also go through MessageDigest, as read, to compare at the end:
     * a kernel the JIT got wrong must fail loudly, not write wrong hashes into pointers. Cheaper
     * than checking the kernel up front, which would run it uncompiled.
     */
    private static final AtomicInteger SPOT_CHECKS = new AtomicInteger(64);

    /** Where the files come from and where their hashes go. Called on the hashing thread only. */
    public interface Feed<T> {
        /** The next file to hash, or null when there are no more. */
        T next();

        Path path(T item);

        void hashed(T item, String md5);

        void failed(T item, IOException error);
    }

    private final LaneCompressor kernel;
    private final int lanes;
    private final int[] state;
    /** Lane {@code i}'s chunk is at {@code i * STRIDE}: room for a chunk and its padding. */
    private final int[] data;
    private static final int STRIDE = (CHUNK + 128) / 4;
    /** Where each lane's next block starts in {@code data}; an idle lane's points at valid junk. */
    private final int[] starts;
    /** Reads land here (without the JDK's temporary buffer) and are copied to a lane's region. */
    private final ByteBuffer read = ByteBuffer.allocateDirect(CHUNK + 128).order(ByteOrder.LITTLE_ENDIAN);
    private final FileChannel[] channels;
    private final Object[] items;
    private final long[] lengths;
    private final int[] positions;
    private final int[] ends;
    private final boolean[] padded;
    private final MessageDigest[] shadows;

    MultiBufferMd5(LaneCompressor kernel) {
        this.kernel = kernel;
        this.lanes = kernel.lanes();
        this.state = new int[4 * lanes];
        this.data = new int[lanes * STRIDE];
        this.starts = new int[lanes];
        this.channels = new FileChannel[lanes];
        this.items = new Object[lanes];
        this.lengths = new long[lanes];
        this.positions = new int[lanes];
        this.ends = new int[lanes];
        this.padded = new boolean[lanes];
        this.shadows = new MessageDigest[lanes];
    }

    public int lanes() {
        return lanes;
    }

    /** Hashes every file the feed gives, reporting each one as it completes. */
    public <T> void hashAll(Feed<T> feed) {
        int active = 0;
        try {
            for (int lane = 0; lane < lanes; lane++) {
                if (load(lane, feed)) {
                    active++;
                }
            }
            while (active > 0) {
                int batch = MAX_BATCH;
                for (int lane = 0; lane < lanes; lane++) {
                    if (items[lane] != null) {
                        batch = Math.min(batch, (ends[lane] - positions[lane]) / 64);
                        starts[lane] = lane * STRIDE + positions[lane] / 4;
                    } else {
                        starts[lane] = lane * STRIDE; // an idle lane's result is never read
                    }
                }
                kernel.compress(state, data, starts, batch);
                for (int lane = 0; lane < lanes; lane++) {
                    if (items[lane] == null) {
                        continue;
                    }
                    positions[lane] += batch * 64;
                    if (positions[lane] == ends[lane] && !advance(lane, feed)) {
                        active--;
                    }
                }
            }
        } finally {
            for (int lane = 0; lane < lanes; lane++) {
                closeQuietly(lane);
                items[lane] = null;
            }
        }
    }

    /**
     * The lane's buffer is used up: reads its next chunk, or completes its file and takes the
     * next one. False when the lane has nothing left to do.
     */
    private <T> boolean advance(int lane, Feed<T> feed) {
        @SuppressWarnings("unchecked")
        T item = (T) items[lane];
        if (padded[lane]) {
            closeQuietly(lane);
            String md5 = digest(lane);
            if (shadows[lane] != null) {
                String expected = Hex.encode(shadows[lane].digest());
                shadows[lane] = null;
                if (!expected.equals(md5)) {
                    throw new IllegalStateException("the vector MD5 kernel computed " + md5 + " for " + feed.path(item)
                            + " where MessageDigest computes " + expected + " from the same bytes; set "
                            + HashKernel.ENV + "=scalar");
                }
            }
            feed.hashed(item, md5);
            return load(lane, feed);
        }
        try {
            readChunk(lane);
            return true;
        } catch (IOException e) {
            closeQuietly(lane);
            feed.failed(item, e);
            return load(lane, feed);
        }
    }

    /** Starts the next file of the feed in the lane. False when the feed is empty. */
    private <T> boolean load(int lane, Feed<T> feed) {
        items[lane] = null;
        for (T item = feed.next(); item != null; item = feed.next()) {
            try {
                channels[lane] = FileChannel.open(feed.path(item), StandardOpenOption.READ);
                items[lane] = item;
                lengths[lane] = 0;
                padded[lane] = false;
                shadows[lane] = SPOT_CHECKS.get() > 0 && SPOT_CHECKS.getAndDecrement() > 0 ? FileHasher.newMd5() : null;
                for (int word = 0; word < 4; word++) {
                    state[word * lanes + lane] = INITIAL[word];
                }
                readChunk(lane);
                return true;
            } catch (IOException e) {
                closeQuietly(lane);
                items[lane] = null;
                feed.failed(item, e);
            }
        }
        return false;
    }

    /**
     * Fills the lane's buffer with up to one chunk. At the end of the file the padding (0x80,
     * zeros, the length in bits) follows the data, so the buffer always holds whole blocks.
     */
    private void readChunk(int lane) throws IOException {
        ByteBuffer buffer = read;
        buffer.clear().limit(CHUNK);
        FileChannel channel = channels[lane];
        boolean end = false;
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                end = true;
                break;
            }
        }
        int filled = buffer.position();
        lengths[lane] += filled;
        if (shadows[lane] != null) {
            shadows[lane].update(buffer.duplicate().flip());
        }
        if (end) {
            buffer.limit(buffer.capacity());
            buffer.put((byte) 0x80);
            while (buffer.position() % 64 != 56) {
                buffer.put((byte) 0);
            }
            buffer.putLong(lengths[lane] * 8);
            padded[lane] = true;
        }
        positions[lane] = 0;
        ends[lane] = buffer.position();
        buffer.flip().asIntBuffer().get(data, lane * STRIDE, ends[lane] / 4);
    }

    private String digest(int lane) {
        byte[] md5 = new byte[16];
        ByteBuffer out = ByteBuffer.wrap(md5).order(ByteOrder.LITTLE_ENDIAN);
        for (int word = 0; word < 4; word++) {
            out.putInt(state[word * lanes + lane]);
        }
        return Hex.encode(md5);
    }

    private void closeQuietly(int lane) {
        FileChannel channel = channels[lane];
        channels[lane] = null;
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // read-only: nothing is lost by a failed close
            }
        }
    }
}
