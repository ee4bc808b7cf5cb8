package io.mlci.core.ci;

import io.mlci.core.report.MarkdownReport;
import io.mlci.core.run.record.DataInput;
import io.mlci.core.run.record.OutputFile;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The details part of a pull-request check (the Checks API's "text", shown below the summary):
 * the lineage of the judged run — its commit and baseline, the data versions it trained on and
 * every file it produced with its md5 and sha256. A run can produce thousands of files, so the
 * text is cut at a line to stay within GitHub's 65,535-byte limit, and its last line, starting
 * with {@link #CUT_MARKER}, says how many lines are missing and where to find them.
 */
public final class CheckText {

    public static final int LIMIT = MarkdownReport.LIMIT;
    public static final String CUT_MARKER = "✂ cut";
    /** Room kept for the cut line. */
    private static final int CUT_RESERVE = 200;

    private CheckText() {
    }

    public static String of(BuildSummary summary) {
        return cut(lines(summary), LIMIT);
    }

    static List<String> lines(BuildSummary summary) {
        List<String> lines = new ArrayList<>();
        lines.add("### Lineage\n\n");
        lines.add("- run `" + summary.runId() + "`" + (summary.commit() == null ? "" : " at commit `" + summary.commit() + "`")
                + (summary.branch() == null ? "" : " on `" + summary.branch() + "`") + "\n");
        lines.add("- baseline: " + (summary.baselineRunId() == null ? "none" : "run `" + summary.baselineRunId() + "`")
                + "\n");
        if (!summary.modelVersions().isEmpty()) {
            lines.add("- model versions: " + String.join(", ", summary.modelVersions()) + "\n");
        }
        if (!summary.data().isEmpty()) {
            lines.add("\n### Data\n\n| path | DVC hash | pointer | bytes |\n|---|---|---|---:|\n");
            for (DataInput data : summary.data()) {
                lines.add("| " + MarkdownReport.cell(data.path()) + " | `" + data.hash() + "` | " + MarkdownReport.cell(data.pointer()) + " | "
                        + data.size() + " |\n");
            }
        }
        List<OutputFile> files = summary.outputFiles();
        if (!files.isEmpty()) {
            lines.add("\n### Files\n\n| path | md5 | sha256 | bytes |\n|---|---|---|---:|\n");
            for (OutputFile file : files) {
                lines.add("| " + MarkdownReport.cell(file.path()) + " | `" + file.md5() + "` | `" + file.sha256() + "` | " + file.size()
                        + " |\n");
            }
        }
        return lines;
    }

    /** Whole lines while they fit in {@code limit} bytes with the cut line; then the cut line. */
    static String cut(List<String> lines, int limit) {
        String whole = String.join("", lines);
        if (bytes(whole) <= limit) {
            return whole;
        }
        StringBuilder text = new StringBuilder();
        int budget = limit - CUT_RESERVE;
        for (int shown = 0; shown < lines.size(); shown++) {
            int size = bytes(lines.get(shown));
            if (size > budget) {
                return text.append(String.format(Locale.ROOT,
                        "\n%s: %d more line(s) left out to stay within %,d bytes; the build's ML review page lists them all.\n",
                        CUT_MARKER, lines.size() - shown, limit)).toString();
            }
            budget -= size;
            text.append(lines.get(shown));
        }
        return text.toString();
    }

    private static int bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
