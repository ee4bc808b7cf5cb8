package io.mlci.core.evaluate;

import io.mlci.core.gate.GateConfig;
import io.mlci.core.gate.GateResult;
import io.mlci.core.run.record.RunRecord;

/**
 * A candidate judged against its baseline.
 *
 * @param baseline the baseline run, null when there is none
 */
public record EvaluationResult(RunRecord candidate, RunRecord baseline, GateConfig gate, GateResult result, String store) {
}
