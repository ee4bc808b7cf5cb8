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
}
