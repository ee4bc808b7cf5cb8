package io.mlci.core.data.hash;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.MessageDigest;
import java.util.Locale;

/**
 * How fast MD5 runs on one core of this machine, from memory (no file reads): {@code
 * MessageDigest} on one stream, and the vector kernel over all its lanes once the JIT has compiled
 * it, plus how long that compilation kept it slow. These are the ceilings of data hashing here:
 * a many-file hash cannot beat the kernel's rate times the cores, nor a big file MessageDigest's.
 * Rates are bytes per second of this thread's CPU time, so a busy machine lowers them little.
 *
 * @param messageDigest bytes per CPU-second of {@code MessageDigest} (one stream)
 * @param lanes         lanes of the vector kernel; 0 when it is not available here
 * @param kernel        bytes per CPU-second of the vector kernel, all lanes together, once compiled
 * @param warmupSeconds wall time from the kernel's first call until it ran at half that rate
 * @param warmupCpu     this thread's CPU time spent in the kernel until then
 */
public record HashSpeed(double messageDigest, int lanes, double kernel, double warmupSeconds, double warmupCpu) {

    private static final int BLOCKS = 8;
    /** CPU time per measured window; the warm-up is judged window by window. */
    private static final long WINDOW_NANOS = 20_000_000L;

    /** Measures for about {@code seconds} of CPU time per path. */
    public static HashSpeed measure(HashKernel kernel, double seconds) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long budget = (long) (seconds * 1e9);
        double digest = messageDigestRate(threads, budget);
        if (!kernel.simd()) {
            return new HashSpeed(digest, 0, 0, 0, 0);
        }
        LaneCompressor lanes = HashKernel.loadVectorKernel();
        int width = lanes.lanes();
        MadeUpBlocks input = new MadeUpBlocks(lanes, BLOCKS);
        long bytesPerCall = input.bytesPerCall();
        // windows of CPU time: the rate of each, then the final rate is the best of the last ones
        int windows = (int) Math.max(10, budget / WINDOW_NANOS);
        double[] rates = new double[windows];
        long[] cpuAt = new long[windows];
        long[] wallAt = new long[windows];
        long wallStart = System.nanoTime();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long cpu = cpuStart;
        for (int w = 0; w < windows; w++) {
            long windowStart = cpu;
            long bytes = 0;
            do {
                input.compress();
                bytes += bytesPerCall;
                cpu = threads.getCurrentThreadCpuTime();
            } while (cpu - windowStart < WINDOW_NANOS);
            rates[w] = bytes * 1e9 / (cpu - windowStart);
            cpuAt[w] = cpu - cpuStart;
            wallAt[w] = System.nanoTime() - wallStart;
        }
        double best = 0;
        for (int w = windows / 2; w < windows; w++) {
            best = Math.max(best, rates[w]);
        }
        int warm = 0;
        while (warm < windows - 1 && rates[warm] < best / 2) {
            warm++;
        }
        return new HashSpeed(digest, width, best, warm == 0 ? 0 : wallAt[warm - 1] / 1e9,
                warm == 0 ? 0 : cpuAt[warm - 1] / 1e9);
    }

    private static double messageDigestRate(ThreadMXBean threads, long budget) {
        MessageDigest md5 = FileHasher.newMd5();
        byte[] chunk = new byte[64 << 10];
        // the intrinsic is compiled within the first few hundred chunks; only what follows counts
        for (int i = 0; i < 400; i++) {
            md5.update(chunk);
        }
        long start = threads.getCurrentThreadCpuTime();
        long bytes = 0;
        long cpu;
        do {
            md5.update(chunk);
            bytes += chunk.length;
            cpu = threads.getCurrentThreadCpuTime();
        } while (cpu - start < budget);
        md5.digest();
        return bytes * 1e9 / (cpu - start);
    }

    /** One line for {@code mlci doctor --hash-speed}. */
    public String describe() {
        String digest = String.format(Locale.ROOT, "MessageDigest %.2f GB/s per core", messageDigest / 1e9);
        if (lanes == 0) {
            return digest + "; no vector kernel here";
        }
        return digest + String.format(Locale.ROOT, "; %d-lane vector kernel %.2f GB/s per core once compiled"
                        + " (%.1fx), half that rate reached after %.2f s (%.2f s of CPU in the kernel before)",
                lanes, kernel / 1e9, kernel / messageDigest, warmupSeconds, warmupCpu);
    }
}
