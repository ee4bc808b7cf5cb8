package io.mlci.core.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import io.mlci.core.InvalidInputException;
import io.mlci.core.json.FlatMaps;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Metrics written as a CSV or TSV table with a header row.
 *
 * <ul>
 *   <li>One data row: each column is a metric ({@code accuracy,loss} / {@code 0.91,0.3}).</li>
 *   <li>Several rows: the first column names the slice, and its header names the slice's
 *       dimension: a row {@code eu} under {@code region} holds the metrics of slice
 *       {@code region=eu} ({@code slices.region=eu.accuracy}). A row whose first cell is empty,
 *       {@code all} or {@code overall} holds the overall metrics.</li>
 * </ul>
 */
final class TabularMetrics {

    private TabularMetrics() {
    }

    static Map<String, JsonNode> read(String name, List<List<String>> rows) {
        if (rows.isEmpty() || rows.get(0).isEmpty()) {
            throw new InvalidInputException(name, null, "is empty; expected a header row and at least one row of values");
        }
        List<String> header = rows.get(0);
        Map<String, JsonNode> metrics = new LinkedHashMap<>();
        if (rows.size() == 2) {
            row(name, header, rows.get(1), 0, "", metrics);
            return metrics;
        }
        for (int r = 1; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            String key = row.isEmpty() ? "" : row.get(0).trim();
            boolean overall = key.isEmpty() || key.equalsIgnoreCase("all") || key.equalsIgnoreCase("overall");
            String prefix = overall ? "" : MetricNames.SLICES + "." + header.get(0).trim() + "=" + key + ".";
            row(name, header, row, 1, prefix, metrics);
        }
        return metrics;
    }

    private static void row(String name, List<String> header, List<String> row, int from, String prefix,
                            Map<String, JsonNode> into) {
        if (row.size() != header.size()) {
            throw new InvalidInputException(name, null, "a row has " + row.size() + " cells but the header has "
                    + header.size() + ": " + String.join(",", row));
        }
        for (int c = from; c < header.size(); c++) {
            into.put(prefix + header.get(c).trim(), value(row.get(c).trim()));
        }
    }

    /** Numbers as numbers (NaN and infinities as their names, as elsewhere), anything else as text. */
    static JsonNode value(String cell) {
        if (cell.matches("[-+]?\\d+")) {
            try {
                return FlatMaps.canonical(JsonNodeFactory.instance.numberNode(new java.math.BigInteger(cell)));
            } catch (NumberFormatException e) {
                return TextNode.valueOf(cell);
            }
        }
        try {
            double number = Double.parseDouble(cell);
            return FlatMaps.canonical(DoubleNode.valueOf(number));
        } catch (NumberFormatException e) {
            String lower = cell.toLowerCase();
            if (lower.equals("nan")) {
                return TextNode.valueOf("NaN");
            }
            if (lower.equals("inf") || lower.equals("infinity") || lower.equals("-inf") || lower.equals("-infinity")) {
                return TextNode.valueOf(lower.startsWith("-") ? "-Infinity" : "Infinity");
            }
            return TextNode.valueOf(cell);
        }
    }
}
