package io.mlci.core.report;

import io.mlci.core.evaluate.CostReview;
import io.mlci.core.run.cost.CostTotals;
import io.mlci.core.run.cost.Money;
import io.mlci.core.run.record.Resources;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The report's cost line: what this run's training cost and at what price, the change against
 * the baseline's, and for a pull request what its runs have spent and what their skips and
 * restored pipeline stages saved.
 */
final class CostLine {

    private CostLine() {
    }

    /**
     * @param candidateId the judged run: when its training is another run's, it was skipped
     * @return null when there is no cost review
     */
    static String of(CostReview review, String candidateId) {
        if (review == null) {
            return null;
        }
        Resources.Training run = review.candidate();
        List<String> parts = new ArrayList<>();
        if (run.cost() == null) {
            parts.add("Cost: unknown, no price for this run's machine (set cost.prices or cost.pricePerHour in mlci.yaml, "
                    + "or MLCI_PRICE_PER_HOUR)");
        } else {
            String reused = run.run().equals(candidateId) ? "" : "skipped, reusing run " + run.run() + ", whose training cost ";
            parts.add("Cost: " + reused + Money.format(run.cost().estimate(), run.cost().currency()) + " for " + hours(run.hours())
                    + machine(run) + " at " + Money.rate(run.cost().pricePerHour(), run.cost().currency()) + " ("
                    + run.cost().source() + (run.cost().date() != null ? ", " + run.cost().date() : "") + ")");
        }
        Double base = review.baselineAmount();
        if (base != null) {
            double delta = review.candidateAmount() - base;
            String currency = run.cost().currency();
            parts.add("baseline " + Money.format(base, currency) + ", " + Money.signed(delta, currency)
                    + (base != 0 ? String.format(Locale.ROOT, " (%+.1f%%)", 100 * delta / base) : ""));
        }
        CostTotals change = review.change();
        if (change.runs() > 1 || change.skipped() > 0 || change.restored() > 0) {
            String spent = change.trained() + " training(s) of this change cost " + change.spentText();
            List<String> savers = new ArrayList<>();
            if (change.skipped() > 0) {
                savers.add(change.skipped() + " skipped run(s)");
            }
            if (change.restored() > 0) {
                savers.add(change.restored() + " restored pipeline stage(s)");
            }
            String saved = savers.isEmpty() ? "" : "; " + String.join(" and ", savers) + " saved "
                    + change.savedText();
            parts.add(spent + saved + (change.unpriced() > 0 ? " (" + change.unpriced() + " run(s) without a price)" : ""));
        }
        return String.join("; ", parts) + ".";
    }

    private static String machine(Resources.Training run) {
        return run.instanceType() == null ? "" : " of " + run.instanceType()
                + (run.lifecycle() != null ? " (" + run.lifecycle() + ")" : "");
    }

    private static String hours(double hours) {
        if (hours >= 1) {
            return String.format(Locale.ROOT, "%.2f h", hours);
        }
        double seconds = hours * 3600;
        return seconds >= 60 ? String.format(Locale.ROOT, "%.1f min", seconds / 60) : String.format(Locale.ROOT, "%.1f s", seconds);
    }
}
