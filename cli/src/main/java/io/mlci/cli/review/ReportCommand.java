package io.mlci.cli.review;

import io.mlci.cli.MlciCommand;
import io.mlci.core.evaluate.EvaluationResult;
import io.mlci.core.report.HtmlReport;
import io.mlci.core.report.MarkdownReport;
import io.mlci.core.report.ReportData;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write the pull-request report: verdict, metric-delta table, params and data that changed, provenance. "
                + "Evaluates like 'mlci gate' but records nothing.",
        footer = {"", "Examples:", "  mlci report --md > report.md", "  mlci report --html -o report.html"})
public final class ReportCommand implements Callable<Integer> {

    @ParentCommand
    MlciCommand root;

    @Mixin
    ReviewOptions review;

    @ArgGroup(exclusive = true)
    Format format = new Format();

    static final class Format {
        @Option(names = "--md", description = "Markdown (the default), under GitHub's 65,535-byte limit.")
        boolean markdown;

        @Option(names = "--html", description = "A self-contained HTML page.")
        boolean html;
    }

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Write to FILE instead of stdout.")
    Path out;

    @Option(names = "--dashboard-url", paramLabel = "URL", description = "Link the report to the published dashboard.")
    String dashboardUrl;

    @Override
    public Integer call() {
        EvaluationResult evaluation = review.evaluate(root, false, true);
        ReportData data = ReportData.of(evaluation, dashboardUrl);
        if (root.global().json()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("gate", evaluation.result());
            json.put("candidate", evaluation.candidate().id());
            json.put("baseline", evaluation.baseline() == null ? null : evaluation.baseline().id());
            json.put("metrics", data.metrics());
            json.put("params", data.params());
            json.put("data", data.data());
            root.console().json(json);
            return 0;
        }
        String text = format.html ? HtmlReport.render(data) : MarkdownReport.render(data);
        if (out != null) {
            GateCommand.write(out, text);
            root.say().accept("wrote " + out.toAbsolutePath());
        } else {
            root.console().out().print(text);
        }
        return 0;
    }
}
