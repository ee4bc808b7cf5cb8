package io.mlci.core.ci;

import io.mlci.core.run.cost.CostTotals;
import io.mlci.core.run.record.Resources;
import io.mlci.core.run.record.RunRecord;
import io.mlci.core.run.record.RunStatus;

import java.util.ArrayList;
import java.util.List;

/**
 * The one cost line a build page shows: what the build's run spent and what it saved, from its
 * record alone, e.g. {@code Cost: spent 0.0042 USD, saved 1.51 USD (skipped, reusing run R)}.
 */
final class BuildCost {

    private BuildCost() {
    }

    /** @return null for a run recorded before runs had a {@code resources} block */
    static String line(RunRecord run) {
        Resources used = run.resources();
        if (used == null) {
            return null;
        }
        CostTotals totals = CostTotals.of(List.of(run), null);
        String spent = used.cost() == null ? "unknown (no price for its machine)" : CostTotals.describe(totals.spent());
        List<String> why = new ArrayList<>();
        if (run.status() == RunStatus.REUSED) {
            why.add("skipped, reusing run " + run.reusedFrom());
        }
        if (totals.restored() > 0) {
            why.add(totals.restored() + " pipeline stage(s) restored");
        }
        boolean savingUnknown = !why.isEmpty() && totals.saved().isEmpty();
        String saved = savingUnknown ? "unknown" : CostTotals.describe(totals.saved());
        return "Cost: spent " + spent + ", saved " + saved + (why.isEmpty() ? "" : " (" + String.join("; ", why) + ")");
    }
}
