package io.mlci.cli.output;

import java.util.Locale;

/** Number formats for people: sizes in binary units, counts with separators, rates. */
public final class Formats {

    private Formats() {
    }

    public static String bytes(long n) {
        return io.mlci.core.report.Sizes.human(n);
    }

    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String bar(long done, long total, int width) {
        int filled = (int) Math.min(width, total == 0 ? width : done * width / total);
        return "[" + "#".repeat(filled) + " ".repeat(width - filled) + "]";
    }

    static String progressLine(String phase, long items, long totalItems, long bytes, long totalBytes,
                               long elapsedNanos, boolean done) {
        StringBuilder line = new StringBuilder(phase).append(": ");
        line.append(count(items));
        if (totalItems >= 0) {
            line.append('/').append(count(totalItems));
        }
        line.append(" files");
        if (bytes > 0 || totalBytes > 0) {
            line.append(", ").append(bytes(bytes));
            if (totalBytes > 0) {
                line.append(" of ").append(bytes(totalBytes));
            }
        }
        double seconds = elapsedNanos / 1e9;
        if (seconds > 0.05 && bytes > 0) {
            line.append(", ").append(bytes((long) (bytes / seconds))).append("/s");
        }
        if (done) {
            line.append(String.format(Locale.ROOT, " (done in %.1f s)", seconds));
        }
        return line.toString();
    }
}
