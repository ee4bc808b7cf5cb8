package io.mlci.core.data.hash;

/**
 * Gets the vector kernel compiled on a thread of its own while the files of a batch are hashed
 * with {@code MessageDigest}. Until the JIT has compiled it, the Vector API runs as plain Java
 * that allocates for every operation, tens of times slower than {@code MessageDigest}: a worker
 * that fed files to the kernel from the start hashed almost nothing for the first half second or
 * more. This thread alone pays that, on made-up input; the workers switch to the lanes once it
 * reports the kernel fast ({@link #compiled()}), or never, if it does not get fast in
 * {@link #GIVE_UP_NANOS} of trying ({@link #settled()} and not compiled).
 *
 * <p>One per process: what the JIT compiled serves every later batch. It runs only while some
 * batch waits for it ({@link #begin()} / {@link #end()}), so a short batch never leaves it
 * running, and the time it has tried adds up across batches.
 */
final class KernelWarmup {

    /**
     * The kernel counts as compiled when it hashes at least this many bytes per second, all lanes
     * together: about twice {@code MessageDigest} on one stream on the machines measured (0.55-0.6
     * GB/s), and a tenth or less of what the interpreted kernel manages.
     */
    static final double COMPILED_BYTES_PER_SECOND = 1.0e9;
    /** Consecutive calls at that rate before switching: one fast call may be a lucky measurement. */
    private static final int FAST_CALLS = 3;
    /** Trying longer than this (wall time, all batches together) means the kernel will not pay here. */
    static final long GIVE_UP_NANOS = 3_000_000_000L;
    private static final int BLOCKS = 8;

    private enum Outcome { PENDING, COMPILED, TOO_SLOW }

    private static final Object LOCK = new Object();
    private static int waiting;
    private static Thread thread;
    private static long spentNanos;
    private static volatile Outcome outcome = Outcome.PENDING;

    private KernelWarmup() {
    }

    /** A batch wants the kernel: starts warming it unless that is done or already under way. */
    static void begin() {
        synchronized (LOCK) {
            waiting++;
            if (outcome == Outcome.PENDING && thread == null) {
                thread = new Thread(KernelWarmup::run, "mlci-md5-warmup");
                thread.setDaemon(true);
                thread.start();
            }
        }
    }

    /** The batch is done; with no batch waiting, the warm-up pauses. */
    static void end() {
        synchronized (LOCK) {
            waiting--;
        }
    }

    /** Whether the warm-up has finished, one way or the other. */
    static boolean settled() {
        return outcome != Outcome.PENDING;
    }

    /** Whether the kernel runs compiled: files may go to the lanes. */
    static boolean compiled() {
        return outcome == Outcome.COMPILED;
    }

    private static boolean stillWanted() {
        synchronized (LOCK) {
            if (waiting > 0) {
                return true;
            }
            thread = null; // decided under the lock, so a begin() now starts a new thread
            return false;
        }
    }

    private static void run() {
        MadeUpBlocks input = new MadeUpBlocks(HashKernel.loadVectorKernel(), BLOCKS);
        // a call this short or shorter runs at COMPILED_BYTES_PER_SECOND or better
        long fastCallNanos = (long) (input.bytesPerCall() / COMPILED_BYTES_PER_SECOND * 1e9);
        int fastCalls = 0;
        while (stillWanted()) {
            long start = System.nanoTime();
            input.compress();
            long took = System.nanoTime() - start;
            fastCalls = took <= fastCallNanos ? fastCalls + 1 : 0;
            if (fastCalls >= FAST_CALLS) {
                settle(Outcome.COMPILED);
                return;
            }
            spentNanos += took;
            if (spentNanos > GIVE_UP_NANOS) {
                settle(Outcome.TOO_SLOW);
                return;
            }
        }
    }

    private static void settle(Outcome result) {
        synchronized (LOCK) {
            outcome = result;
            thread = null;
        }
    }
}
