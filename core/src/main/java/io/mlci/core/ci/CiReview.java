package io.mlci.core.ci;

import io.mlci.core.config.MlciYaml;
import io.mlci.core.evaluate.Evaluation;
import io.mlci.core.evaluate.EvaluationOptions;
import io.mlci.core.evaluate.EvaluationResult;
import io.mlci.core.registry.ModelRegistry;
import io.mlci.core.report.MarkdownReport;
import io.mlci.core.report.ReportData;
import io.mlci.core.report.ReportModel;
import io.mlci.core.run.store.RunStore;
import io.mlci.core.run.store.RunStores;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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
        EvaluationResult evaluation = new Evaluation(root, options).run(record);
        ReportData report = ReportData.of(evaluation, dashboardUrl, modelVersions());
        String markdown = MarkdownReport.render(report);
        return BuildSummary.of(evaluation, report, ReportModel.of(report),
                CheckRun.of(checkName, evaluation.result(), markdown));
    }

    /** Run id → the model versions registered from it, so the report can say what the baseline is. */
    private Map<String, List<String>> modelVersions() {
        String location = RunStores.locate(options.store(), MlciYaml.load(root).store(), options.environment());
        try (RunStore store = RunStores.open(location, root, options.environment())) {
            return new ModelRegistry(store).versionsByRun();
        }
    }
}
