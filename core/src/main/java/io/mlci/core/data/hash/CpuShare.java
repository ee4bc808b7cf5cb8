package io.mlci.core.data.hash;

/**
 * Keeps the digests of small files from starving a big file of CPU. A big file is one MD5 stream
 * (read ahead by other threads, so its digest never waits for the disk): it cannot use more than
 * one core, and while N threads digest small files beside it on fewer cores, the scheduler gives it
 * a 1/(N+1) share, so it ends long after them, alone on an otherwise idle machine. While big files
 * are being digested, at most {@code cores - big files} (at least one) small-file digests run at
 * once. Only the digest waits: reads of small files go on at any number, as a cold cache wants
 * many reads in flight.
 *
 * <p>Measured on 2 cores with 8 hashing threads, 2,000 files of 512 KiB beside one of 1 GiB: the
 * big file ran alone for more than a second after the small ones were done.
 */
final class CpuShare {

    /** The share every hasher of this process uses. */
    static final CpuShare PROCESS = new CpuShare(Runtime.getRuntime().availableProcessors());

    private final int cores;
    /** Big files being digested; read without the lock on the path that has none. */
    private volatile int big;
    /** Small-file digests that counted themselves in while big files were being digested. */
    private int small;

    CpuShare(int cores) {
        this.cores = cores;
    }

    synchronized void bigStarted() {
        big++;
    }

    synchronized void bigDone() {
        big--;
        notifyAll();
    }

    /**
     * Called before a small file's digest step; waits while big files need the cores. True when
     * the caller must call {@link #exitSmall()} after the step.
     */
    boolean enterSmall() {
        if (big == 0) {
            return false; // the common case: no big file, no lock
        }
        synchronized (this) {
            boolean interrupted = false;
            while (big > 0 && small >= Math.max(1, cores - big)) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true; // finish the digest; the caller sees the interrupt later
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            small++;
            return true;
        }
    }

    synchronized void exitSmall() {
        small--;
        notifyAll();
    }
}
