package io.mlci.core.gate;

import java.util.Locale;

/**
 * An interval a number must lie in; either end may be open (null). Long-form rules are inclusive
 * at both ends; the short form's {@code >} and {@code <} are strict.
 */
public record Bounds(Double min, Double max, boolean minInclusive, boolean maxInclusive) {

    public static Bounds inclusive(Double min, Double max) {
        return new Bounds(min, max, true, true);
    }

    public boolean isSet() {
        return min != null || max != null;
    }

    public boolean contains(double value) {
        return contains(value, 0);
    }

    /**
     * Whether the value lies inside, giving computed values the benefit of {@code tolerance}:
     * 0.895 − 0.9 is −0.0050000000000000044 in binary floating point, and "improvement ≥ −0.005"
     * must still hold for it. Strict bounds get no benefit.
     */
    public boolean contains(double value, double tolerance) {
        boolean aboveMin = min == null || (minInclusive ? value >= min - tolerance : value > min + tolerance);
        boolean belowMax = max == null || (maxInclusive ? value <= max + tolerance : value < max - tolerance);
        return aboveMin && belowMax;
    }

    /** Whether every point of [low, high] lies inside. */
    public boolean containsAll(double low, double high) {
        return contains(low) && contains(high);
    }

    /** Whether no point of [low, high] lies inside. */
    public boolean containsNone(double low, double high) {
        boolean allBelow = min != null && (minInclusive ? high < min : high <= min);
        boolean allAbove = max != null && (maxInclusive ? low > max : low >= max);
        return allBelow || allAbove;
    }

    /** e.g. {@code >= -0.005}, {@code in [0.8, 0.95]}. */
    public String describe(double scale) {
        if (min != null && max != null) {
            return "in " + (minInclusive ? "[" : "(") + number(min * scale) + ", " + number(max * scale) + (maxInclusive ? "]" : ")");
        }
        if (min != null) {
            return (minInclusive ? ">= " : "> ") + number(min * scale);
        }
        return (maxInclusive ? "<= " : "< ") + number(max * scale);
    }

    static String number(double value) {
        return String.format(Locale.ROOT, "%.6g", value).replaceFirst("\\.?0+(e|$)", "$1");
    }
}
