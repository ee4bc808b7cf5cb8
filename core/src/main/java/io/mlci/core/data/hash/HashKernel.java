package io.mlci.core.data.hash;

import io.mlci.core.InvalidInputException;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * Which MD5 implementation hashes many small files: the vector kernel ({@link VectorMd5}, 8 or 16
 * files per step) or, when it cannot run well here, one {@code MessageDigest} per file. Chosen
 * once per process: the vector kernel needs the {@code jdk.incubator.vector} module and vectors
 * of at least 8 ints. {@code MLCI_HASH=simd} then uses it for every batch, however small; by
 * default it is used for big batches only ({@link #usesLanes}), after {@link KernelWarmup} has
 * compiled it; with {@code MLCI_HASH=scalar}, files are hashed one per thread. The first files
 * hashed in lanes are checked against {@code MessageDigest} ({@link MultiBufferMd5});
 * {@link #selfCheck} runs the kernel on known input for {@code mlci doctor}.
 *
 * @param lanes files advanced per kernel step; 1 for the scalar path
 * @param forced whether {@code MLCI_HASH} chose the path
 * @param reason why this path was chosen, for {@code mlci doctor}
 */
public record HashKernel(int lanes, boolean forced, String reason) {

    public static final String ENV = "MLCI_HASH";
    private static final String MODULE = "jdk.incubator.vector";
    /** Narrower vectors lose to the scalar intrinsic once the transpose is paid for. */
    static final int MIN_LANES = 8;
    /** Fewer files than this many lanes' worth are not worth starting the kernel for. */
    static final int MIN_LANE_FILLS = 2;
    /**
     * By default, a batch goes to the lanes only with at least this many bytes in lane-sized
     * files. Measured on 2 cores with JDK 17: getting the kernel compiled costs 0.8-1.2 s of CPU
     * (the warm-up thread and the JIT's), and once compiled the lanes save about 1 s of CPU per GB
     * against MessageDigest (0.9-1.2 s instead of 2.5 s per 1.3 GB, reading included). The files
     * hashed one per thread during the warm-up (about 1 GB on 2 cores) save nothing. End to end,
     * warm, on 2 cores: 2.4 GiB in 4 MiB files took 3.4-3.7 s with lanes from 2 GiB against
     * 2.8-3.1 s one file per thread; 4.7 GiB took 4.4-5.9 s against 5.2-5.3 s: the break-even is
     * near 4 GiB, and a 1.3 GB batch of 64 KiB files was slower in lanes.
     */
    static final long AUTO_MIN_BYTES = 4L << 30;

    private static volatile HashKernel current;

    public boolean simd() {
        return lanes > 1;
    }

    /**
     * Whether a batch with this many files that fit a lane, of this many bytes in all, is hashed
     * in lanes: always on the vector kernel when {@code MLCI_HASH=simd} forces it; by default only
     * when the batch is big enough to pay for compiling the kernel.
     */
    public boolean usesLanes(int files, long bytes) {
        if (!simd() || files == 0) {
            return false;
        }
        return forced || files >= MIN_LANE_FILLS * lanes && bytes >= AUTO_MIN_BYTES;
    }

    /** For {@code mlci doctor}: "simd, 16 lanes (...)" or "scalar (...)". */
    public String describe() {
        return (simd() ? "simd, " + lanes + " lanes" : "scalar") + " (" + reason + ")";
    }

    /** A multi-buffer hasher on this kernel; only when {@link #simd()}. */
    public MultiBufferMd5 newMultiBuffer() {
        if (!simd()) {
            throw new IllegalStateException("the scalar kernel has no lanes");
        }
        return new MultiBufferMd5(loadVectorKernel());
    }

    /** The kernel for this process, chosen on first use from the environment and the JVM. */
    public static HashKernel current() {
        HashKernel kernel = current;
        if (kernel == null) {
            kernel = choose(System.getenv());
            current = kernel;
        }
        return kernel;
    }

    /** The kernel the given environment asks for, on this JVM. */
    public static HashKernel choose(Map<String, String> env) {
        String forced = env.getOrDefault(ENV, "auto").trim().toLowerCase(Locale.ROOT);
        switch (forced) {
            case "scalar":
                return new HashKernel(1, true, ENV + "=scalar");
            case "simd":
                HashKernel simd = probeVector();
                return simd.simd() ? new HashKernel(simd.lanes, true, ENV + "=simd; " + simd.reason)
                        : new HashKernel(1, true, ENV + "=simd asked for the vector kernel, but " + simd.reason);
            case "auto":
            case "":
                HashKernel available = probeVector();
                return available.simd()
                        ? new HashKernel(available.lanes, false, available.reason + "; for batches of "
                                + (AUTO_MIN_BYTES >> 30) + " GiB or more in files up to " + (FileBatchHasher.LANE_MAX >> 20)
                                + " MiB, once a thread has compiled it (files are hashed one per thread meanwhile);"
                                + " smaller batches one file per thread")
                        : available;
            default:
                throw new InvalidInputException(ENV, null, "'" + env.get(ENV) + "' is not one of auto, scalar, simd");
        }
    }

    private static HashKernel probeVector() {
        if (ModuleLayer.boot().findModule(MODULE).isEmpty()) {
            return new HashKernel(1, false, "the JVM was started without --add-modules " + MODULE);
        }
        LaneCompressor kernel;
        try {
            kernel = loadVectorKernel();
        } catch (LinkageError | IllegalStateException e) {
            return new HashKernel(1, false, "the vector kernel did not load: " + e);
        }
        int lanes = kernel.lanes();
        if (lanes < MIN_LANES) {
            return new HashKernel(1, false, "vectors hold only " + lanes + " ints on this CPU; "
                    + MIN_LANES + " or more (AVX2, AVX-512) pay for the interleaving");
        }
        return new HashKernel(lanes, false, (lanes * 32) + "-bit vectors of " + lanes + " ints");
    }

    static LaneCompressor loadVectorKernel() {
        try {
            return (LaneCompressor) Class.forName(HashKernel.class.getPackageName() + ".VectorMd5")
                    .getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot load the vector kernel", e);
        }
    }

    /**
     * Runs the kernel on one block per lane, each lane different, and compares with
     * MessageDigest. Slow on first use (the kernel is not compiled yet): for {@code mlci doctor}.
     */
    public boolean selfCheck() {
        return !simd() || selfCheck(loadVectorKernel());
    }

    private static boolean selfCheck(LaneCompressor kernel) {
        int lanes = kernel.lanes();
        int[] state = new int[4 * lanes];
        int[] data = new int[16 * lanes];
        int[] starts = new int[lanes];
        byte[][] messages = new byte[lanes][];
        for (int lane = 0; lane < lanes; lane++) {
            // a 55-byte message pads to exactly one block
            byte[] message = new byte[55];
            Arrays.fill(message, (byte) ('a' + lane));
            messages[lane] = message;
            byte[] block = Arrays.copyOf(message, 64);
            block[55] = (byte) 0x80;
            block[56] = (byte) (55 * 8); // the length in bits, little-endian: 440 = 0x1b8
            block[57] = (byte) ((55 * 8) >>> 8);
            starts[lane] = 16 * lane;
            for (int word = 0; word < 16; word++) {
                data[16 * lane + word] = (block[4 * word] & 0xff) | (block[4 * word + 1] & 0xff) << 8
                        | (block[4 * word + 2] & 0xff) << 16 | (block[4 * word + 3] & 0xff) << 24;
            }
            state[lane] = 0x67452301;
            state[lanes + lane] = 0xefcdab89;
            state[2 * lanes + lane] = 0x98badcfe;
            state[3 * lanes + lane] = 0x10325476;
        }
        kernel.compress(state, data, starts, 1);
        for (int lane = 0; lane < lanes; lane++) {
            byte[] expected = FileHasher.newMd5().digest(messages[lane]);
            for (int word = 0; word < 4; word++) {
                int value = state[word * lanes + lane];
                for (int b = 0; b < 4; b++) {
                    if (expected[4 * word + b] != (byte) (value >>> (8 * b))) {
                        return false;
                    }
                }
            }
        }
        return true;
    }
}
