package io.mlci.cli.review;

import io.mlci.cli.Console;
import io.mlci.core.metrics.ValueDiff;
import io.mlci.core.report.Numbers;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Prints a metrics or params diff as DVC does: a plain table, Markdown with --md, or JSON. */
final class ValueTable {

    private ValueTable() {
    }

    static void print(Console console, boolean json, boolean markdown, String kind, String oldLabel, String newLabel,
                      List<ValueDiff.Row> rows, boolean withChange) {
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("old", oldLabel);
            out.put("new", newLabel);
            List<Map<String, Object>> list = new ArrayList<>();
            for (ValueDiff.Row row : rows) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("name", row.name());
                entry.put("old", row.old());
                entry.put("new", row.now());
                entry.put("change", row.change());
                list.add(entry);
            }
            out.put(kind, list);
            console.json(out);
            return;
        }
        PrintStream printer = console.out();
        if (rows.isEmpty()) {
            printer.println("no " + kind + " changed between " + oldLabel + " and " + newLabel);
            return;
        }
        List<String> header = new ArrayList<>(List.of(kind.equals("metrics") ? "Metric" : "Param", oldLabel, newLabel));
        if (withChange) {
            header.add("Change");
        }
        List<List<String>> cells = new ArrayList<>();
        for (ValueDiff.Row row : rows) {
            List<String> line = new ArrayList<>(List.of(row.name(), Numbers.format(row.old()), Numbers.format(row.now())));
            if (withChange) {
                line.add(Numbers.signed(row.change()));
            }
            cells.add(line);
        }
        if (markdown) {
            printer.println("| " + String.join(" | ", header) + " |");
            printer.println("|" + "---|".repeat(header.size()));
            cells.forEach(line -> printer.println("| " + String.join(" | ", line.stream().map(c -> c.replace("|", "\\|")).toList()) + " |"));
            return;
        }
        int[] widths = new int[header.size()];
        for (List<String> line : concat(header, cells)) {
            for (int c = 0; c < line.size(); c++) {
                widths[c] = Math.max(widths[c], line.get(c).length());
            }
        }
        for (List<String> line : concat(header, cells)) {
            StringBuilder text = new StringBuilder();
            for (int c = 0; c < line.size(); c++) {
                text.append(String.format("%-" + (widths[c] + 2) + "s", line.get(c)));
            }
            printer.println(text.toString().stripTrailing());
        }
    }

    private static List<List<String>> concat(List<String> header, List<List<String>> rows) {
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        return all;
    }
}
