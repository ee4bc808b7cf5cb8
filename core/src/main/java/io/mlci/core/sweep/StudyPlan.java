package io.mlci.core.sweep;

import java.util.List;

/**
 * The trials a study will run, decided before any of them does: the same list on every agent.
 *
 * @param kind        {@code sweep} or {@code ablation}
 * @param strategy    grid, random or leave-one-out
 * @param seed        random search's seed; null otherwise
 * @param maxParallel trials at once unless the caller says otherwise
 * @param earlyStop   null = no early stopping
 */
public record StudyPlan(String kind, Objective objective, String strategy, Long seed, int maxParallel,
                        EarlyStop earlyStop, List<Trial> trials) {

    public StudyPlan {
        trials = List.copyOf(trials);
    }

    public Trial trial(String name) {
        return trials.stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new io.mlci.core.InvalidInputException("--trial", null, "'" + name + "' is not a trial of this " + kind
                        + "; its trials are " + trials.stream().map(Trial::name).toList()));
    }
}
