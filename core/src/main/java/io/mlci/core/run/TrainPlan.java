package io.mlci.core.run;

import io.mlci.core.run.key.RunInputs;
import io.mlci.core.run.key.RunKey;
import io.mlci.core.run.record.RunRecord;

/**
 * What a training would do.
 *
 * @param key      the run key of the current inputs
 * @param inputs   the inputs it was computed from
 * @param reusable the successful run with that key, which would be reused; null = it would train
 */
public record TrainPlan(RunKey key, RunInputs inputs, RunRecord reusable) {
}
