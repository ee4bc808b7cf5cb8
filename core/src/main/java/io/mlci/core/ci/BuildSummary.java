package io.mlci.core.ci;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlci.core.evaluate.EvaluationResult;
import io.mlci.core.gate.RuleStatus;
import io.mlci.core.report.ReportData;
import io.mlci.core.report.ReportModel;
import io.mlci.core.report.Threshold;
import io.mlci.core.run.record.DataInput;
import io.mlci.core.run.record.OutputFile;
import io.mlci.core.run.record.RunRecord;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one CI build learnt about its run: the verdict and why, the metric-delta tables, the
 * check it published, the numbers for trend charts and the lineage (data versions, code commit,
 * model files and their fingerprints). A build page shows it; a job page charts many of them.
 *
 * <p>It travels and is stored as JSON ({@link #toJson()}), so a CI server can keep it with the
 * build without knowing these classes' shape.
 *
 * @param metrics      the run's overall numeric metrics (slices left out), for trends
 * @param thresholds   the value bounds the gate held those metrics to
 * @param outputs      the run's outputs with their md5 (the CI fingerprint) and sha256
 * @param modelVersions model versions registered from the run, e.g. "churn v3 (production)"
 * @param cost         what the run spent and saved, in one line; null for a run recorded without
 *                     a {@code resources} block, and in summaries kept before it existed
 */
public record BuildSummary(String runId, String branch, String commit, String buildUrl, String baselineRunId,
                           String baselineBuildUrl, RuleStatus verdict, String headline, String provenance,
                           List<ReportModel.Table> tables, List<String> notes, CheckRun check, Map<String, Double> metrics,
                           Map<String, Threshold> thresholds, List<DataInput> data, List<OutputFile> outputs,
                           List<String> modelVersions, String cost) {

    /** A summary without a cost line. */
    public BuildSummary(String runId, String branch, String commit, String buildUrl, String baselineRunId,
                        String baselineBuildUrl, RuleStatus verdict, String headline, String provenance,
                        List<ReportModel.Table> tables, List<String> notes, CheckRun check, Map<String, Double> metrics,
                        Map<String, Threshold> thresholds, List<DataInput> data, List<OutputFile> outputs,
                        List<String> modelVersions) {
        this(runId, branch, commit, buildUrl, baselineRunId, baselineBuildUrl, verdict, headline, provenance, tables, notes,
                check, metrics, thresholds, data, outputs, modelVersions, null);
    }

    public BuildSummary {
        tables = List.copyOf(tables);
        notes = List.copyOf(notes);
        metrics = Map.copyOf(metrics);
        thresholds = Map.copyOf(thresholds);
        data = List.copyOf(data);
        outputs = List.copyOf(outputs);
        modelVersions = List.copyOf(modelVersions);
    }

    public static BuildSummary of(EvaluationResult evaluation, ReportData report, ReportModel model, CheckRun check) {
        RunRecord run = evaluation.candidate();
        RunRecord baseline = evaluation.baseline();
        Map<String, Double> metrics = overallNumbers(evaluation.candidateMetrics());
        return new BuildSummary(run.id(), run.source().branch(), run.source().commit(), run.source().buildUrl(),
                baseline == null ? null : baseline.id(), model.baselineBuildUrl(), model.verdict(), model.headline(),
                model.provenance(), model.tables(), model.notes(), check, metrics,
                Threshold.of(evaluation.gate(), metrics::containsKey), run.data(), run.outputs(),
                report.modelVersions().getOrDefault(run.id(), List.of()), BuildCost.line(run));
    }

    /** Slices are per-group detail; a trend of the whole is what a job page charts. */
    private static Map<String, Double> overallNumbers(Map<String, JsonNode> metrics) {
        Map<String, Double> numbers = new LinkedHashMap<>();
        metrics.forEach((name, value) -> {
            if (!name.startsWith("slices.") && value.isNumber() && Double.isFinite(value.doubleValue())) {
                numbers.put(name, value.doubleValue());
            }
        });
        return numbers;
    }

    /**
     * Every file the run produced — directories opened up — with the md5 a CI server fingerprints
     * it by, so "which run made this file" can be answered from the file alone.
     */
    public List<OutputFile> outputFiles() {
        List<OutputFile> files = new ArrayList<>();
        for (OutputFile output : outputs) {
            if (output.isDirectory()) {
                files.addAll(output.files());
            } else {
                files.add(output);
            }
        }
        return files;
    }

    /** The summary as plain maps, lists, strings and numbers: what a pipeline step returns to its script. */
    public Map<String, Object> asMap() {
        return CiJson.asMap(this);
    }

    public String toJson() {
        return CiJson.write(this);
    }

    /** @param source where the JSON came from, for the message when it is not a summary */
    public static BuildSummary fromJson(String json, String source) {
        return CiJson.read(json, BuildSummary.class, source);
    }
}
