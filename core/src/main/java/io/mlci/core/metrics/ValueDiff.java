package io.mlci.core.metrics;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Compares two flattened sets of values (metrics or params) the way {@code dvc metrics diff} does:
 * one row per name, the change where both sides are numbers, only changed rows unless all are asked for.
 */
public final class ValueDiff {

    /**
     * @param name   flattened name
     * @param old    the base value, null when absent
     * @param now    the new value, null when absent
     * @param change now − old when both are finite numbers, else null
     */
    public record Row(String name, JsonNode old, JsonNode now, Double change) {

        public boolean changed() {
            return !Objects.equals(old, now);
        }
    }

    private ValueDiff() {
    }

    public static List<Row> compare(Map<String, JsonNode> old, Map<String, JsonNode> now, boolean all) {
        TreeSet<String> names = new TreeSet<>(old.keySet());
        names.addAll(now.keySet());
        List<Row> rows = new ArrayList<>();
        for (String name : names) {
            JsonNode before = old.get(name);
            JsonNode after = now.get(name);
            Row row = new Row(name, before, after, change(before, after));
            if (all || row.changed()) {
                rows.add(row);
            }
        }
        return rows;
    }

    private static Double change(JsonNode before, JsonNode after) {
        if (before == null || after == null || !before.isNumber() || !after.isNumber()) {
            return null;
        }
        double diff = after.doubleValue() - before.doubleValue();
        return Double.isFinite(diff) ? diff : null;
    }
}
