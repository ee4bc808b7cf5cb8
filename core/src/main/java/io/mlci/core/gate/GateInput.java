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
 */
public record GateInput(Map<String, JsonNode> candidate, Map<String, JsonNode> baseline,
                        Predictions candidatePredictions, Predictions baselinePredictions) {
}
