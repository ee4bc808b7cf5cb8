package io.mlci.core.evaluate;

import io.mlci.core.run.cost.CostTotals;
import io.mlci.core.run.cost.Prices;
import io.mlci.core.run.cost.Trainings;
import io.mlci.core.run.record.Resources;
import io.mlci.core.run.record.RunRecord;

import java.util.List;
import java.util.Objects;

/**
 * What the judged run's training cost next to its baseline's, and what the change's runs have
 * cost and saved so far. The candidate and the baseline are priced alike, with the prices read
 * beside the rules (for a pull request: its target's mlci.yaml), so a change cannot lower its own
 * cost by naming a price; a skipped run stands for the training it reused.
 *
 * @param candidate the candidate's training, priced; its cost null when no price is known
 * @param baseline  the baseline's training, priced; null without a baseline
 * @param change    the runs of the candidate's branch (of its pull request, when it has one) up to
 *                  the candidate, as recorded
 */
public record CostReview(Resources.Training candidate, Resources.Training baseline, CostTotals change) {

    static CostReview of(RunRecord candidate, RunRecord baseline, List<RunRecord> branchRuns, Prices prices) {
        List<RunRecord> change = branchRuns.stream()
                .filter(run -> run.id().compareTo(candidate.id()) <= 0)
                .filter(run -> candidate.source().changeId() == null
                        || Objects.equals(candidate.source().changeId(), run.source().changeId()))
                .toList();
        return new CostReview(Trainings.priced(Trainings.of(candidate), prices),
                baseline == null ? null : Trainings.priced(Trainings.of(baseline), prices), CostTotals.of(change, null));
    }

    /** The candidate's cost for cost rules; null when unknown. */
    public Double candidateAmount() {
        return candidate.amount();
    }

    /** The baseline's cost for cost rules; null when unknown, or in another currency than the candidate's. */
    public Double baselineAmount() {
        if (baseline == null || baseline.cost() == null || candidate.cost() == null
                || !baseline.cost().currency().equals(candidate.cost().currency())) {
            return null;
        }
        return baseline.amount();
    }
}
