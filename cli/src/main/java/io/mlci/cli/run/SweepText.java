package io.mlci.cli.run;

import io.mlci.core.sweep.SweepRecord;
import io.mlci.core.report.SweepTable;

import java.io.PrintStream;
import java.util.List;

/** A sweep on the console: the summary line, the trial table, and an ablation's drops. */
final class SweepText {

    private SweepText() {
    }

    static void print(PrintStream out, SweepRecord record) {
        out.println(SweepTable.summary(record));
        out.println();
        table(out, SweepTable.trialColumns(record), SweepTable.trialRows(record));
        if (record.isAblation() && !record.drops().isEmpty()) {
            out.println();
            table(out, SweepTable.dropColumns(record), SweepTable.dropRows(record));
        }
    }

    private static void table(PrintStream out, List<String> columns, List<List<String>> rows) {
        int[] widths = new int[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            widths[c] = columns.get(c).length();
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        out.println(line(columns, widths));
        rows.forEach(row -> out.println(line(row, widths)));
    }

    private static String line(List<String> cells, int[] widths) {
        StringBuilder text = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            text.append(c == 0 ? "" : "  ").append(String.format("%-" + Math.max(1, widths[c]) + "s", cells.get(c)));
        }
        return text.toString().stripTrailing();
    }
}
