package io.mlci.core.report;

import java.util.List;

/** The same report as a self-contained HTML page (for Jenkins' publishHTML and e-mail). */
public final class HtmlReport {

    private HtmlReport() {
    }

    public static String render(ReportData data) {
        ReportModel model = ReportModel.of(data);
        StringBuilder html = new StringBuilder("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>mlci report</title>
                <style>
                body{font:14px/1.45 system-ui,sans-serif;margin:2em;color:#1f2328}
                table{border-collapse:collapse;margin:0 0 1.5em}th,td{border:1px solid #d0d7de;padding:4px 8px}
                th{background:#f6f8fa}td.num{text-align:right;font-variant-numeric:tabular-nums}
                .failed{color:#cf222e}.unstable{color:#9a6700}.passed{color:#1a7f37}.skipped{color:#57606a}
                code{background:#f6f8fa;padding:0 3px}
                </style></head><body>
                """);
        html.append("<h2 class=\"").append(model.verdict().label()).append("\">").append(MarkdownReport.icon(model.verdict()))
                .append(' ').append(escape(model.headline())).append("</h2>\n<p>").append(escape(model.provenance())).append("</p>\n");
        for (ReportModel.Table table : model.tables()) {
            if (table.rows().isEmpty()) {
                continue;
            }
            if (!table.title().isEmpty()) {
                html.append("<h3>").append(escape(table.title())).append("</h3>\n");
            }
            html.append("<table><tr>");
            table.columns().forEach(column -> html.append("<th>").append(escape(column)).append("</th>"));
            html.append("</tr>\n");
            for (List<String> row : table.rows()) {
                html.append("<tr>");
                for (int c = 0; c < row.size(); c++) {
                    String cell = escape(row.get(c));
                    String cls = table.numeric().contains(c) ? " class=\"num\"" : c == table.columns().indexOf("status")
                            ? " class=\"" + cell + "\"" : "";
                    html.append("<td").append(cls).append('>')
                            .append(table.codeColumns().contains(c) ? "<code>" + cell + "</code>" : cell).append("</td>");
                }
                html.append("</tr>\n");
            }
            html.append("</table>\n");
        }
        model.notes().forEach(note -> html.append("<p>").append(escape(note)).append("</p>\n"));
        if (model.baselineBuildUrl() != null) {
            html.append("<p><a href=\"").append(escape(model.baselineBuildUrl())).append("\">Baseline build</a></p>\n");
        }
        if (model.dashboardUrl() != null) {
            html.append("<p><a href=\"").append(escape(model.dashboardUrl())).append("\">Dashboard</a></p>\n");
        }
        return html.append("</body></html>\n").toString();
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
