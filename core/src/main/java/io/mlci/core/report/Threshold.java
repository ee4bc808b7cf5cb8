package io.mlci.core.report;

import io.mlci.core.gate.GateConfig;
import io.mlci.core.gate.Rule;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The value bounds the gate holds a metric to, drawn as lines on trend charts. Only rules on the
 * overall metric count: a bound on one slice is not a bound on the whole.
 *
 * @param min null when there is no lower bound
 * @param max null when there is no upper bound
 */
public record Threshold(Double min, Double max) {

    /** The bounds of every charted metric that has one; later rules on the same metric win. */
    public static Map<String, Threshold> of(GateConfig gate, Predicate<String> charted) {
        Map<String, Threshold> thresholds = new LinkedHashMap<>();
        if (gate == null) {
            return thresholds;
        }
        for (Rule rule : gate.rules()) {
            if (rule.value().isSet() && rule.slices().contains("") && charted.test(rule.metric())) {
                thresholds.put(rule.metric(), new Threshold(rule.value().min(), rule.value().max()));
            }
        }
        return thresholds;
    }
}
