package io.mlci.core.gate;

import java.util.List;

/**
 * One rule on one slice.
 *
 * @param rule     the rule as written
 * @param line     where it was written
 * @param metric   the metric
 * @param slice    the slice ("" = overall)
 * @param base     the baseline's value, null when there is none (or it is not a number)
 * @param cand     the candidate's value, null when missing (or not a number)
 * @param delta    cand − base
 * @param deltaPct 100 · (cand − base) / |base|; null when base is 0 or missing
 * @param interval the significance interval of the improvement (relative bounds: of improvement / |base|), else null
 * @param p        McNemar's p-value, else null
 * @param status   the outcome
 * @param message  why, in words
 */
public record RuleOutcome(String rule, String line, String metric, String slice, Double base, Double cand, Double delta,
                          Double deltaPct, List<Double> interval, Double p, RuleStatus status, String message) {
}
