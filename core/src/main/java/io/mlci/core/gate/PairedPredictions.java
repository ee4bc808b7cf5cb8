package io.mlci.core.gate;

import io.mlci.core.metrics.Predictions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Both runs' predictions on the examples they share, as per-example improvements
 * c_i − b_i ∈ {−1, 0, 1} (candidate correct minus baseline correct). That difference is the
 * improvement of accuracy and of error rate alike, whichever way the metric points.
 */
record PairedPredictions(int[] improvements, int fixed, int broken) {

    static PairedPredictions of(Predictions candidate, Predictions baseline) {
        List<Integer> diffs = new ArrayList<>();
        int fixed = 0;
        int broken = 0;
        for (Map.Entry<String, Boolean> example : candidate.correct().entrySet()) {
            Boolean base = baseline.correct().get(example.getKey());
            if (base == null) {
                continue;
            }
            int diff = (example.getValue() ? 1 : 0) - (base ? 1 : 0);
            diffs.add(diff);
            fixed += diff > 0 ? 1 : 0;
            broken += diff < 0 ? 1 : 0;
        }
        return new PairedPredictions(diffs.stream().mapToInt(Integer::intValue).toArray(), fixed, broken);
    }

    int size() {
        return improvements.length;
    }

    /** The observed improvement in accuracy on the shared examples. */
    double meanImprovement() {
        return size() == 0 ? 0 : (double) (fixed - broken) / size();
    }
}
