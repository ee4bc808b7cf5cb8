package io.mlci.core.run.cost;

import io.mlci.core.run.record.Resources;
import io.mlci.core.run.record.RunRecord;
import io.mlci.core.run.record.RunStatus;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a set of runs cost and what their skips and restored pipeline stages saved. Money is summed per currency, never across
 * currencies. A run completed by {@code mlci runs push} is not counted again: its training, hours
 * and money are the failed run's, which is counted.
 *
 * @param runs     runs counted
 * @param trained  runs that started the training command (succeeded, failed, timed out, killed)
 * @param skipped  runs that reused an identical earlier run
 * @param restored pipeline stages restored from an earlier run instead of run
 * @param unpriced runs whose money is unknown: no recorded cost and no price for their machine
 * @param hours    machine hours spent
 * @param gpuHours GPU-hours spent, where the GPU count is known
 * @param spent    currency -> money spent
 * @param saved    currency -> money the skipped runs and the restored stages did not spend
 */
public record CostTotals(int runs, int trained, int skipped, int restored, int unpriced, double hours, double gpuHours,
                         Map<String, Double> spent, Map<String, Double> saved) {

    public static final CostTotals NONE = new CostTotals(0, 0, 0, 0, 0, 0, 0, Map.of(), Map.of());

    public CostTotals {
        spent = Collections.unmodifiableMap(new TreeMap<>(spent));
        saved = Collections.unmodifiableMap(new TreeMap<>(saved));
    }

    /**
     * @param fallback prices a run that recorded no cost (one written before costs were recorded,
     *                 or one no price was known for); null = leave it unpriced
     */
    public static CostTotals of(List<RunRecord> records, Prices fallback) {
        CostTotals total = NONE;
        for (RunRecord run : records) {
            total = total.plus(run, fallback);
        }
        return total;
    }

    public CostTotals plus(RunRecord run, Prices fallback) {
        if (run.completes() != null) {
            return this;
        }
        Map<String, Double> spentNow = new TreeMap<>(spent);
        Map<String, Double> savedNow = new TreeMap<>(saved);
        Resources used = run.resources();
        boolean reused = run.status() == RunStatus.REUSED;
        double runHours = used != null ? used.hours() : reused ? 0 : Math.max(0, run.durationSeconds()) / 3600;
        Double runGpuHours = used != null ? used.gpuHours() : reused ? null : Trainings.of(run).gpuHours();
        Resources.Cost cost = used != null ? used.cost() : null;
        boolean priced = true;
        if (reused) {
            Resources.Training training = priced(Trainings.of(run), fallback);
            priced = add(savedNow, training.cost());
        } else {
            if (cost == null) {
                cost = priced(Trainings.of(run), fallback).cost();
            }
            priced = add(spentNow, cost);
        }
        if (reused && cost != null) {
            add(spentNow, cost);
        }
        List<Resources.RestoredStage> stages = used == null || reused ? List.of() : used.restored();
        for (Resources.RestoredStage stage : stages) {
            priced &= add(savedNow, priced(stage.training(), fallback).cost());
        }
        return new CostTotals(runs + 1, trained + (reused ? 0 : 1), skipped + (reused ? 1 : 0), restored + stages.size(),
                unpriced + (priced ? 0 : 1),
                hours + runHours, gpuHours + (runGpuHours == null ? 0 : runGpuHours), spentNow, savedNow);
    }

    private static Resources.Training priced(Resources.Training training, Prices fallback) {
        return training.cost() != null || fallback == null ? training : Trainings.priced(training, fallback);
    }

    private static boolean add(Map<String, Double> totals, Resources.Cost cost) {
        if (cost == null) {
            return false;
        }
        totals.merge(cost.currency(), cost.estimate(), Double::sum);
        return true;
    }

    /**
     * The same totals with hours and money cut to a millionth, for machine-readable output: sums of
     * doubles carry noise (0.000751 read as 7.509999999999999E-4) that no one paid.
     */
    public CostTotals rounded() {
        return new CostTotals(runs, trained, skipped, restored, unpriced, millionths(hours), millionths(gpuHours),
                millionths(spent), millionths(saved));
    }

    private static Map<String, Double> millionths(Map<String, Double> amounts) {
        Map<String, Double> rounded = new TreeMap<>();
        amounts.forEach((currency, amount) -> rounded.put(currency, millionths(amount)));
        return rounded;
    }

    private static double millionths(double value) {
        return Math.round(value * 1_000_000d) / 1_000_000d;
    }

    /** Hours to two decimals, to four for the short trainings of a laptop or a test, so they do not read as none. */
    public static String describeHours(double hours) {
        return String.format(Locale.ROOT, hours > 0 && hours < 0.01 ? "%.4f" : "%.2f", hours);
    }

    /**
     * The money spent, for people: "unknown" when runs trained but none had a price — a "0.00"
     * there would read as trainings that cost nothing. With no training at all, 0.00 is true.
     */
    public String spentText() {
        return spent.isEmpty() && unpriced > 0 && trained > 0 ? "unknown" : describe(spent);
    }

    /** The money saved, for people: "unknown" when there were skips or restores but no price for them. */
    public String savedText() {
        return saved.isEmpty() && unpriced > 0 && skipped + restored > 0 ? "unknown" : describe(saved);
    }

    /** e.g. "12.40 USD" or "12.40 USD + 3.00 EUR"; "0.00" when nothing was priced. */
    public static String describe(Map<String, Double> amounts) {
        if (amounts.isEmpty()) {
            return "0.00";
        }
        return String.join(" + ", amounts.entrySet().stream().map(e -> Money.format(e.getValue(), e.getKey())).toList());
    }
}
