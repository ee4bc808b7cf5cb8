package io.mlci.core.progress;

import io.mlci.core.report.Sizes;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Prints progress for people. In a build log (not a terminal) it writes a plain line every few
 * seconds, which reads well in a Jenkins console; on a terminal it redraws one line with a bar.
 * The CLI prints to stderr with it, the Jenkins plugin to the build log.
 */
public final class PrintedProgress implements ProgressListener {

    private static final long LINE_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final long BAR_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final PrintStream err;
    private final boolean terminal;
    private final AtomicLong items = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private volatile String phase;
    private volatile long totalItems;
    private volatile long totalBytes;
    private volatile long started;
    private volatile long lastPrint;

    public PrintedProgress(PrintStream err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    @Override
    public synchronized void begin(String newPhase, long newTotalItems, long newTotalBytes) {
        phase = newPhase;
        totalItems = newTotalItems;
        totalBytes = newTotalBytes;
        items.set(0);
        bytes.set(0);
        started = System.nanoTime();
        lastPrint = started;
    }

    @Override
    public void advance(long doneItems, long doneBytes) {
        items.addAndGet(doneItems);
        bytes.addAndGet(doneBytes);
        long now = System.nanoTime();
        long interval = terminal ? BAR_INTERVAL_NANOS : LINE_INTERVAL_NANOS;
        if (now - lastPrint >= interval) {
            synchronized (this) {
                if (now - lastPrint >= interval) {
                    lastPrint = now;
                    print(false);
                }
            }
        }
    }

    @Override
    public synchronized void end() {
        if (phase == null) {
            return;
        }
        if (items.get() > 0 || terminal) {
            print(true);
        }
        phase = null;
    }

    @Override
    public synchronized void note(String message) {
        if (terminal) {
            err.print("\r\033[K");
        }
        err.println(message);
    }

    private void print(boolean done) {
        String line = line(phase, items.get(), totalItems, bytes.get(), totalBytes,
                System.nanoTime() - started, done);
        if (terminal) {
            String bar = totalItems > 0 ? bar(items.get(), totalItems, 20) + " " : "";
            err.print("\r\033[K" + bar + line + (done ? "\n" : ""));
        } else {
            err.println(line);
        }
        err.flush();
    }
    static String bar(long done, long total, int width) {
        int filled = (int) Math.min(width, total == 0 ? width : done * width / total);
        return "[" + "#".repeat(filled) + " ".repeat(width - filled) + "]";
    }

    /** e.g. "pull from s3store: 120/10,000 files, 3.2 MiB of 1.0 GiB, 12.0 MiB/s" */
    static String line(String phase, long items, long totalItems, long bytes, long totalBytes, long elapsedNanos,
                       boolean done) {
        StringBuilder line = new StringBuilder(phase).append(": ");
        line.append(String.format(Locale.ROOT, "%,d", items));
        if (totalItems >= 0) {
            line.append('/').append(String.format(Locale.ROOT, "%,d", totalItems));
        }
        line.append(" files");
        if (bytes > 0 || totalBytes > 0) {
            line.append(", ").append(Sizes.human(bytes));
            if (totalBytes > 0) {
                line.append(" of ").append(Sizes.human(totalBytes));
            }
        }
        double seconds = elapsedNanos / 1e9;
        if (seconds > 0.05 && bytes > 0) {
            line.append(", ").append(Sizes.human((long) (bytes / seconds))).append("/s");
        }
        if (done) {
            line.append(String.format(Locale.ROOT, " (done in %.1f s)", seconds));
        }
        return line.toString();
    }
}
