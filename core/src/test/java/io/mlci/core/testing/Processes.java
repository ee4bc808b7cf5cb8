package io.mlci.core.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Questions about other processes that tests ask through /proc (Linux). */
public final class Processes {

    private Processes() {
    }

    /**
     * Whether the process still runs after {@code millis}: false as soon as it is gone or a zombie
     * (dead, not yet reaped by whoever adopted it).
     */
    public static boolean runsWithin(long pid, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        do {
            if (!runs(pid)) {
                return false;
            }
            Thread.sleep(50);
        } while (System.currentTimeMillis() < deadline);
        return runs(pid);
    }

    private static boolean runs(long pid) {
        Path stat = Path.of("/proc", String.valueOf(pid), "stat");
        try {
            String text = Files.readString(stat);
            return !text.substring(text.lastIndexOf(')') + 2).startsWith("Z");
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
