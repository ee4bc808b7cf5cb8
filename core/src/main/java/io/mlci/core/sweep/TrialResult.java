package io.mlci.core.sweep;

import io.mlci.core.run.record.Resources;
import io.mlci.core.run.record.RunRecord;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How one trial ended, as the sweep record keeps it.
 *
 * @param name        the trial's name in its study
 * @param overrides   the params it set
 * @param removed     the item an ablation trial left out; null otherwise
 * @param runId       the run recorded for it; null when it never got to training
 * @param status      the run's status label ({@code succeeded}, {@code reused}, {@code killed}, ...) or
 *                    {@code error} when the trial could not be prepared
 * @param reusedFrom  the earlier identical run whose outputs it reused; null when it trained
 * @param objective   the objective metric's value; null when the run has none
 * @param message     why it failed or stopped; null when it succeeded
 * @param stoppedEarly true when the median stopping rule ended it
 * @param cost        what the trial's run cost (its record's {@code resources.cost}); null when no price was
 *                    known, the trial never ran, and in sweep records written before it existed
 */
public record TrialResult(String name, Map<String, String> overrides, String removed, String runId, String status,
                          String reusedFrom, Double objective, String message, boolean stoppedEarly,
                          Resources.Cost cost) {

    /** A trial that never got to a run; {@code status} says why ({@code error}, {@code not-run}, ...). */
    static TrialResult withoutRun(Trial trial, String status, String message) {
        return new TrialResult(trial.name(), trial.overrides(), trial.removed(), null, status, null, null, message, false,
                null);
    }

    /** A trial as its run's record states it: status, objective and cost come from the record. */
    static TrialResult ofRun(Trial trial, RunRecord run, Objective objective, boolean stoppedEarly) {
        return new TrialResult(trial.name(), trial.overrides(), trial.removed(), run.id(), run.status().label(),
                run.reusedFrom(), SweepRunner.objectiveOf(run, objective), run.message(), stoppedEarly,
                run.resources() == null ? null : run.resources().cost());
    }

    public TrialResult {
        overrides = overrides == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(overrides));
    }

    /** Succeeded or reused: it has outputs and metrics to compare. */
    public boolean completed() {
        return "succeeded".equals(status) || "reused".equals(status);
    }
}
