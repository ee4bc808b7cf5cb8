package io.mlci.core.sweep;

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
 */
public record TrialResult(String name, Map<String, String> overrides, String removed, String runId, String status,
                          String reusedFrom, Double objective, String message, boolean stoppedEarly) {

    public TrialResult {
        overrides = overrides == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(overrides));
    }

    /** Succeeded or reused: it has outputs and metrics to compare. */
    public boolean completed() {
        return "succeeded".equals(status) || "reused".equals(status);
    }
}
