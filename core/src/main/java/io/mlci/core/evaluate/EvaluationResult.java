package io.mlci.core.evaluate;

import io.mlci.core.gate.GateConfig;
import io.mlci.core.gate.GateResult;
import io.mlci.core.run.record.RunRecord;
import io.mlci.core.sweep.SweepRecord;

import java.util.List;
import java.util.Map;

/**
 * A candidate judged against its baseline.
 *
 * @param baseline      the baseline run, null when there is none
 * @param modelVersions run id → the model versions registered from it, when the evaluation was
 *                      asked for them (a report names what the baseline is registered as); else empty
 * @param cost          what the candidate's and the baseline's trainings cost, and the change's runs; null
 *                      when not worked out
 * @param sweep         the sweep the candidate was a trial of, when the evaluation was asked for the
 *                      report's extras; else null
 * @param trusted       the target's own evaluation of the candidate's model, whose metrics were judged;
 *                      null when the candidate's training's own metrics were
 */
public record EvaluationResult(RunRecord candidate, RunRecord baseline, GateConfig gate, GateResult result, String store,
                               Map<String, List<String>> modelVersions, CostReview cost, SweepRecord sweep,
                               TrustedEvaluation.Result trusted) {

    public EvaluationResult {
        modelVersions = Map.copyOf(modelVersions);
    }

    /** The candidate's metrics as judged: the trusted evaluation's when there was one, else its training's. */
    public Map<String, com.fasterxml.jackson.databind.JsonNode> candidateMetrics() {
        return trusted != null ? trusted.metrics() : candidate.metrics();
    }

    public EvaluationResult(RunRecord candidate, RunRecord baseline, GateConfig gate, GateResult result, String store,
                            Map<String, List<String>> modelVersions) {
        this(candidate, baseline, gate, result, store, modelVersions, null, null, null);
    }

    public EvaluationResult(RunRecord candidate, RunRecord baseline, GateConfig gate, GateResult result, String store) {
        this(candidate, baseline, gate, result, store, Map.of(), null, null, null);
    }
}
