package io.mlci.core.report;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Locale;

/** Numbers as people read them in reports: 5 significant digits (DVC's default), '-' for nothing. */
public final class Numbers {

    private Numbers() {
    }

    public static String format(Double value) {
        if (value == null) {
            return "-";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.valueOf((long) value.doubleValue());
        }
        String text = String.format(Locale.ROOT, "%.5g", value);
        if (text.contains("e")) {
            return text.replaceFirst("\\.?0+e", "e");
        }
        return text.contains(".") ? text.replaceFirst("\\.?0+$", "") : text;
    }

    public static String format(JsonNode value) {
        if (value == null || value.isNull()) {
            return "-";
        }
        if (value.isNumber()) {
            return format(value.doubleValue());
        }
        return value.isTextual() ? value.textValue() : value.toString();
    }

    /** A signed change: {@code +0.012}, {@code -3.5}. */
    public static String signed(Double value) {
        if (value == null) {
            return "-";
        }
        String text = format(value);
        return value > 0 ? "+" + text : text;
    }

    public static String percent(Double value) {
        return value == null ? "-" : signed(value) + "%";
    }
}
