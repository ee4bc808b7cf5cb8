package io.mlci.core.run.record;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Run ids sort by start time ({@code 20261123-181800-042-3fa2c1d9}, UTC to the millisecond): listing a store's keys gives
 * runs in order without reading them. The random tail keeps parallel builds that start in the
 * same second apart.
 */
public final class RunIds {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PATTERN = "\\d{8}-\\d{6}-\\d{3}-[0-9a-f]{8}";

    private RunIds() {
    }

    public static String next(Instant now) {
        return STAMP.format(now) + "-" + String.format("%08x", RANDOM.nextInt());
    }

    public static boolean isValid(String id) {
        return id != null && id.matches(PATTERN);
    }
}
