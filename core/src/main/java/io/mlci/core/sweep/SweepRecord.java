package io.mlci.core.sweep;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A study as it ran: every trial with its run, and which one is best. Immutable once written;
 * the trials themselves are ordinary runs with their own records.
 *
 * @param schema     record format version
 * @param id         sortable by time, like run ids
 * @param kind       {@code sweep} or {@code ablation}
 * @param commit     the commit the trials trained
 * @param branch     the branch it is on; null when detached
 * @param objective  what decides the best trial
 * @param strategy   grid or random (sweeps), leave-one-out (ablations)
 * @param seed       random search's seed; null otherwise
 * @param trials     in plan order
 * @param best       the best completed trial's name; null when none completed with the metric
 * @param bestRun    that trial's run id
 */
public record SweepRecord(int schema, String id, String kind, String createdAt, String commit, String branch,
                          Objective objective, String strategy, Long seed, List<TrialResult> trials, String best,
                          String bestRun) {

    public static final int SCHEMA = 1;

    public SweepRecord {
        trials = List.copyOf(trials);
    }

    public boolean isAblation() {
        return "ablation".equals(kind);
    }

    /** The best completed trial by the objective; ties go to the earlier trial. */
    static Optional<TrialResult> best(List<TrialResult> trials, Objective objective) {
        TrialResult best = null;
        for (TrialResult trial : trials) {
            if (trial.completed() && trial.objective() != null && !trial.objective().isNaN()
                    && (best == null || objective.better(trial.objective(), best.objective()))) {
                best = trial;
            }
        }
        return Optional.ofNullable(best);
    }

    /** An ablation's finding: how much the objective got worse without one item. */
    public record Drop(String removed, String trial, double baseline, double value, double drop) {
    }

    /**
     * Each left-out item's effect, largest drop first (the item the model needs most); empty
     * when the baseline trial has no objective value.
     */
    public List<Drop> drops() {
        Optional<TrialResult> baseline = trials.stream().filter(t -> t.removed() == null && t.completed()
                && t.objective() != null).findFirst();
        if (!isAblation() || baseline.isEmpty()) {
            return List.of();
        }
        double base = baseline.get().objective();
        List<Drop> drops = new ArrayList<>();
        for (TrialResult trial : trials) {
            if (trial.removed() != null && trial.completed() && trial.objective() != null) {
                drops.add(new Drop(trial.removed(), trial.name(), base, trial.objective(),
                        objective.loss(base, trial.objective())));
            }
        }
        drops.sort(Comparator.comparingDouble(Drop::drop).reversed().thenComparing(Drop::removed));
        return drops;
    }
}
