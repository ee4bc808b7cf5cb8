package io.mlci.core.run.cost;

import io.mlci.core.run.record.Resources;
import io.mlci.core.run.record.RunEnvironment;
import io.mlci.core.run.record.RunRecord;
import io.mlci.core.run.record.RunStatus;

import java.util.Optional;

/**
 * The training a run stands for: its own for a run that trained, the reused run's for a skipped
 * one. Records written before the {@code resources} block existed are read from their duration
 * (a skipped run's is the original's) and their machine line ("g5.xlarge (spot)").
 */
public final class Trainings {

    private Trainings() {
    }

    public static Resources.Training of(RunRecord run) {
        Resources used = run.resources();
        if (used != null && used.saved() != null) {
            return used.saved();
        }
        if (used != null && run.status() != RunStatus.REUSED) {
            return new Resources.Training(run.id(), used.hours(), used.gpuHours(), used.instanceType(), used.lifecycle(),
                    used.region(), used.cost());
        }
        String origin = run.reusedFrom() != null ? run.reusedFrom() : run.id();
        RunEnvironment machine = run.environment();
        String description = machine == null ? null : machine.instanceType();
        String type = description == null ? null : description.replaceFirst("\\s*\\(.*$", "");
        String lifecycle = description == null || !description.contains("(") ? null
                : description.replaceFirst("^.*\\((.*)\\).*$", "$1");
        int gpus = machine == null ? 0 : machine.gpus().size();
        double hours = Math.max(0, run.durationSeconds()) / 3600;
        return new Resources.Training(origin, hours, gpus == 0 ? null : gpus * hours, type, lifecycle, null, null);
    }

    /**
     * The training priced by {@code prices} alone, whatever price it recorded: a gate prices the
     * candidate and the baseline alike, with prices the candidate's change cannot set. No cost
     * when they name no price for its machine.
     */
    public static Resources.Training priced(Resources.Training training, Prices prices) {
        Optional<Price> price = prices.of(training.instanceType(), training.lifecycle(), training.region());
        return training.withCost(price.map(p -> p.costOf(training.hours())).orElse(null));
    }
}
