package io.mlci.core.report;

import io.mlci.core.run.cost.Money;
import io.mlci.core.sweep.SweepRecord;
import io.mlci.core.sweep.Trial;
import io.mlci.core.sweep.TrialResult;

import java.util.ArrayList;
import java.util.List;

/**
 * A sweep's trials as table rows, the same on the console, in the PR report and on the build
 * page: the best trial marked, params as set, the objective, and how each trial ended.
 */
public final class SweepTable {

    public static final String BEST = "★";
    /** A cost nobody knows: no price for the machine, a trial that never ran, or an older record. */
    public static final String UNKNOWN_COST = "—";
    /** Where the run id is in a trial row (code style in the report). */
    public static final int RUN_COLUMN = 6;

    private SweepTable() {
    }

    public static List<String> trialColumns(SweepRecord record) {
        return List.of("", "trial", "params", record.objective().metric() + " (" + record.objective().goal().word() + ")",
                "result", "cost", "run");
    }

    public static List<List<String>> trialRows(SweepRecord record) {
        List<List<String>> rows = new ArrayList<>();
        for (TrialResult trial : record.trials()) {
            rows.add(List.of(trial.name().equals(record.best()) ? BEST : "", trial.name(), params(trial),
                    Numbers.format(trial.objective()), status(trial), cost(trial), trial.runId() == null ? "-" : trial.runId()));
        }
        return rows;
    }

    public static List<String> dropColumns(SweepRecord record) {
        return List.of("left out", record.objective().metric(), "change vs baseline", "without it");
    }

    /**
     * Largest drop first: the item the model needs most. The change is the metric's own (value
     * minus the baseline's), and the last column says in words whether that is worse or better for
     * the objective's goal, so a falling loss never reads as a drop.
     */
    public static List<List<String>> dropRows(SweepRecord record) {
        List<List<String>> rows = new ArrayList<>();
        for (SweepRecord.Drop drop : record.drops()) {
            rows.add(List.of(drop.removed(), Numbers.format(drop.value()), Numbers.signed(drop.value() - drop.baseline()),
                    effect(drop.drop())));
        }
        return rows;
    }

    private static String effect(double drop) {
        if (drop > 0) {
            return "worse by " + Numbers.format(drop);
        }
        return drop < 0 ? "better by " + Numbers.format(-drop) : "no change";
    }

    /** One line for a headline: which trial won and with what. */
    public static String summary(SweepRecord record) {
        long completed = record.trials().stream().filter(TrialResult::completed).count();
        String head = record.kind() + " " + record.id() + ": " + completed + " of " + record.trials().size()
                + " trials completed";
        if (record.best() == null) {
            return head + "; none has " + record.objective().metric();
        }
        TrialResult best = record.trials().stream().filter(t -> t.name().equals(record.best())).findFirst().orElseThrow();
        return head + "; best " + best.name() + " (" + params(best) + ") with " + record.objective().metric() + " "
                + Numbers.format(best.objective());
    }

    /** What the trial's run cost, from its record; a reused trial's is the restore's, not the original training's. */
    private static String cost(TrialResult trial) {
        return trial.cost() == null ? UNKNOWN_COST : Money.format(trial.cost().estimate(), trial.cost().currency());
    }

    private static String params(TrialResult trial) {
        if (trial.removed() != null) {
            return "without " + trial.removed();
        }
        return new Trial(trial.name(), trial.overrides(), null).describe();
    }

    private static String status(TrialResult trial) {
        if (trial.stoppedEarly()) {
            return "stopped early";
        }
        if ("reused".equals(trial.status())) {
            return "reused " + trial.reusedFrom();
        }
        return trial.status();
    }
}
