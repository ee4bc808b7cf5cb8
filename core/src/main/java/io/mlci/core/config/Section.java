package io.mlci.core.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One mapping of mlci.yaml with the keys it allows. Reading a field type-checks it; unknown keys
 * are errors that list what is allowed (and suggest the nearest name, since typos are the usual
 * cause), so a misspelt {@code timout:} never silently falls back to a default.
 */
public final class Section {

    private static final Pattern DURATION_PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private final YamlNode node;

    private Section(YamlNode node) {
        this.node = node;
    }

    /** The mapping at {@code node}, refusing keys outside {@code allowed}; null or absent = empty. */
    public static Section of(YamlNode node, List<String> allowed) {
        if (node == null || node.isNull()) {
            return new Section(null);
        }
        if (node.kind() != YamlNode.Kind.MAP) {
            throw node.error("expected a mapping with keys " + String.join(", ", allowed) + ", got " + node.describe());
        }
        for (Map.Entry<String, YamlNode> entry : node.entries().entrySet()) {
            if (!allowed.contains(entry.getKey())) {
                String hint = nearest(entry.getKey(), allowed).map(n -> " (did you mean '" + n + "'?)").orElse("");
                throw entry.getValue().error("unknown key" + hint + "; allowed here: " + String.join(", ", allowed));
            }
        }
        return new Section(node);
    }

    public YamlNode node(String key) {
        if (node == null) {
            return null;
        }
        YamlNode value = node.get(key);
        return value == null || value.isNull() ? null : value;
    }

    public boolean has(String key) {
        return node(key) != null;
    }

    public String string(String key, String fallback) {
        YamlNode value = node(key);
        if (value == null) {
            return fallback;
        }
        if (!value.isScalar()) {
            throw value.error("expected a single value, got " + value.describe());
        }
        return value.scalar();
    }

    /** A list of strings; a single string is a list of one, which is how people write it. */
    public List<String> strings(String key, List<String> fallback) {
        YamlNode value = node(key);
        if (value == null) {
            return fallback;
        }
        if (value.isScalar()) {
            return List.of(value.scalar());
        }
        if (value.kind() != YamlNode.Kind.LIST) {
            throw value.error("expected a list of strings, got " + value.describe());
        }
        List<String> result = new ArrayList<>();
        for (YamlNode item : value.items()) {
            if (!item.isScalar() || item.isNull()) {
                throw item.error("expected a string, got " + item.describe());
            }
            result.add(item.scalar());
        }
        return List.copyOf(result);
    }

    /** A mapping of names to scalar values, kept in file order. */
    public Map<String, String> stringMap(String key) {
        YamlNode value = node(key);
        if (value == null) {
            return Map.of();
        }
        if (value.kind() != YamlNode.Kind.MAP) {
            throw value.error("expected a mapping of NAME: value, got " + value.describe());
        }
        Map<String, String> result = new LinkedHashMap<>();
        for (Map.Entry<String, YamlNode> entry : value.entries().entrySet()) {
            YamlNode item = entry.getValue();
            if (!item.isScalar()) {
                throw item.error("expected a single value, got " + item.describe());
            }
            result.put(entry.getKey(), item.isNull() ? "" : item.scalar());
        }
        return java.util.Collections.unmodifiableMap(result);
    }

    public int nonNegativeInt(String key, int fallback) {
        YamlNode value = node(key);
        if (value == null) {
            return fallback;
        }
        if (value.kind() != YamlNode.Kind.INTEGER || value.scalar().startsWith("-")) {
            throw value.error("expected a whole number of 0 or more, got " + value.describe());
        }
        try {
            return Integer.parseInt(value.scalar().replace("_", ""));
        } catch (NumberFormatException e) {
            throw value.error("expected a whole number of 0 or more, got " + value.describe());
        }
    }

    /** A whole number from {@code min} to {@code max}. */
    public int boundedInt(String key, int min, int max, int fallback) {
        YamlNode value = node(key);
        if (value == null) {
            return fallback;
        }
        String expected = "expected a whole number from " + min + " to " + max + ", got " + value.describe();
        if (value.kind() != YamlNode.Kind.INTEGER) {
            throw value.error(expected);
        }
        try {
            int parsed = Integer.parseInt(value.scalar().replace("_", ""));
            if (parsed < min || parsed > max) {
                throw value.error(expected);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw value.error(expected);
        }
    }

    /** A number (integer or decimal). */
    public Double number(String key) {
        YamlNode value = node(key);
        if (value == null) {
            return null;
        }
        if (value.kind() != YamlNode.Kind.INTEGER && value.kind() != YamlNode.Kind.FLOAT) {
            throw value.error("expected a number, got " + value.describe());
        }
        try {
            return Double.parseDouble(value.scalar().replace("_", ""));
        } catch (NumberFormatException e) {
            throw value.error("expected a number, got " + value.describe());
        }
    }

    /** {@code true} or {@code false}; anything else is an error naming the key, never read as false. */
    public boolean flag(String key, boolean fallback) {
        YamlNode value = node(key);
        if (value == null) {
            return fallback;
        }
        if (!value.isScalar() || !(value.scalar().equals("true") || value.scalar().equals("false"))) {
            throw value.error("expected true or false, got " + value.describe());
        }
        return Boolean.parseBoolean(value.scalar());
    }

    /** One of a fixed set of words. */
    public String choice(String key, List<String> allowed, String fallback) {
        YamlNode value = node(key);
        if (value == null) {
            return fallback;
        }
        if (!value.isScalar() || !allowed.contains(value.scalar())) {
            throw value.error("expected one of " + String.join(", ", allowed) + ", got " + value.describe());
        }
        return value.scalar();
    }

    /** A duration: {@code 90} (seconds), {@code 90s}, {@code 30m}, {@code 2h}, {@code 1h30m}. */
    public Duration duration(String key, Duration fallback) {
        YamlNode value = node(key);
        if (value == null) {
            return fallback;
        }
        Duration parsed = value.isScalar() ? parseDuration(value.scalar()) : null;
        if (parsed == null || parsed.isZero()) {
            throw value.error("expected a positive duration such as 90s, 30m, 2h or 1h30m, got " + value.describe());
        }
        return parsed;
    }

    static Duration parseDuration(String text) {
        String trimmed = text.trim();
        if (trimmed.matches("\\d+")) {
            return Duration.ofSeconds(Long.parseLong(trimmed));
        }
        Matcher matcher = DURATION_PART.matcher(trimmed);
        Duration total = Duration.ZERO;
        int end = 0;
        while (matcher.find()) {
            if (matcher.start() != end) {
                return null;
            }
            long amount = Long.parseLong(matcher.group(1));
            total = total.plus(switch (matcher.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            });
            end = matcher.end();
        }
        return end == trimmed.length() && end > 0 ? total : null;
    }

    private static Optional<String> nearest(String key, List<String> allowed) {
        return allowed.stream()
                .filter(candidate -> editDistance(key.toLowerCase(), candidate.toLowerCase()) <= 2)
                .min(Comparator.comparingInt(candidate -> editDistance(key, candidate)));
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
