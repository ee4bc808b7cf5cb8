package io.mlci.cli.output;

import io.mlci.core.progress.ProgressListener;

import java.io.PrintStream;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Prints progress to stderr. In a Jenkins console (not a terminal) it writes a plain line every
 * few seconds, which reads well in a build log; on a terminal it redraws one line with a bar.
 */
public final class ConsoleProgress implements ProgressListener {

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

    public ConsoleProgress(PrintStream err, boolean terminal) {
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
        String line = Formats.progressLine(phase, items.get(), totalItems, bytes.get(), totalBytes,
                System.nanoTime() - started, done);
        if (terminal) {
            String bar = totalItems > 0 ? Formats.bar(items.get(), totalItems, 20) + " " : "";
            err.print("\r\033[K" + bar + line + (done ? "\n" : ""));
        } else {
            err.println(line);
        }
        err.flush();
    }
}
