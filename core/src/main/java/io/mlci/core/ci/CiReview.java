package io.mlci.core.ci;

import io.mlci.core.evaluate.Evaluation;
import io.mlci.core.evaluate.EvaluationOptions;
import io.mlci.core.evaluate.EvaluationResult;
import io.mlci.core.report.MarkdownReport;
import io.mlci.core.report.ReportData;
import io.mlci.core.report.ReportModel;

import java.nio.file.Path;

/**
 * What a CI build's evaluate and gate steps do with a trained run: judge it against its
 * baseline, render the report, and sum it up for the build page and the pull-request check.
 * The Jenkins plugin calls this on the agent that holds the workspace.
 */
public final class CiReview {

    private final Path root;
    private final EvaluationOptions options;

    public CiReview(Path root, EvaluationOptions options) {
        this.root = root;
        this.options = options;
    }

    /**
     * @param record       store the verdict as a fact of the run (the gate does; evaluating alone does not)
     * @param checkName    the name of the pull-request check; null = "mlci"
     * @param dashboardUrl where the dashboard is published, linked from the report; null = not linked
     */
    public BuildSummary judge(boolean record, String checkName, String dashboardUrl) {
        EvaluationResult evaluation = new Evaluation(root, options).run(record, true);
        ReportData report = ReportData.of(evaluation, dashboardUrl);
        String markdown = MarkdownReport.render(report);
        return BuildSummary.of(evaluation, report, ReportModel.of(report),
                CheckRun.of(checkName, evaluation.result(), markdown));
    }
}
