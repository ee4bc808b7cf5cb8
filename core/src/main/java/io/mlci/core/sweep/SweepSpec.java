package io.mlci.core.sweep;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code sweep:} in mlci.yaml: which params to vary, how to pick the combinations, and what
 * counts as best.
 *
 * @param params      dotted param name -> its values, in declared order
 * @param strategy    every combination, or a seeded random sample of them
 * @param trials      random search: how many trials; grid: 0 (all combinations)
 * @param seed        random search: the same seed gives the same trials
 * @param maxParallel trials at once (agents in Jenkins, processes locally)
 * @param objective   the metric the best trial maximises or minimises
 * @param earlyStop   null = every trial runs to the end
 */
public record SweepSpec(Map<String, ParamSpace> params, Strategy strategy, int trials, long seed, int maxParallel,
                        Objective objective, EarlyStop earlyStop) {

    public enum Strategy { GRID, RANDOM }

    public static final int DEFAULT_MAX_PARALLEL = 4;
    public static final long DEFAULT_SEED = 0;

    public SweepSpec {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }
}
