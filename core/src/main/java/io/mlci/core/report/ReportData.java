package io.mlci.core.report;

import io.mlci.core.evaluate.EvaluationResult;
import io.mlci.core.metrics.ValueDiff;

import java.util.List;

/**
 * Everything a PR report shows.
 *
 * @param metrics      every metric that differs (or all), for the rows no rule covers
 * @param params       params that changed between baseline and candidate
 * @param data         data that changed
 * @param dashboardUrl where the dashboard is published; null = not linked
 * @param modelVersions run id -> the model versions (and stages) registered from it
 */
public record ReportData(EvaluationResult evaluation, List<ValueDiff.Row> metrics, List<ValueDiff.Row> params,
                         List<DataChange> data, String dashboardUrl, java.util.Map<String, List<String>> modelVersions) {

    /** The model versions shown are those the evaluation read ({@code Evaluation.run(record, true)}). */
    public static ReportData of(EvaluationResult evaluation, String dashboardUrl) {
        var candidate = evaluation.candidate();
        var baseline = evaluation.baseline();
        List<ValueDiff.Row> metrics = ValueDiff.compare(baseline == null ? java.util.Map.of() : baseline.metrics(),
                evaluation.candidateMetrics(), true);
        List<ValueDiff.Row> params = baseline == null ? List.of() : ValueDiff.compare(baseline.params(), candidate.params(), false);
        return new ReportData(evaluation, metrics, params, DataChange.between(baseline, candidate), dashboardUrl,
                evaluation.modelVersions());
    }
}
