package io.mlci.core.gate;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlci.core.metrics.Predictions;

import java.util.Map;

/**
 * What a gate judges.
 *
 * @param candidate           the candidate's flattened metrics
 * @param baseline            the baseline's flattened metrics; null when there is no baseline run
 * @param candidatePredictions per-example predictions of the candidate, or null
 * @param baselinePredictions  per-example predictions of the baseline, or null
 * @param candidateCost       what the candidate's training cost, for cost rules; null when unknown
 * @param baselineCost        what the baseline's training cost; null when unknown or without a baseline
 */
public record GateInput(Map<String, JsonNode> candidate, Map<String, JsonNode> baseline,
                        Predictions candidatePredictions, Predictions baselinePredictions,
                        Double candidateCost, Double baselineCost) {

    public GateInput(Map<String, JsonNode> candidate, Map<String, JsonNode> baseline,
                     Predictions candidatePredictions, Predictions baselinePredictions) {
        this(candidate, baseline, candidatePredictions, baselinePredictions, null, null);
    }
}
