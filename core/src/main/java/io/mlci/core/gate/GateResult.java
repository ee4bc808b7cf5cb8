package io.mlci.core.gate;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * A gate's verdict with every rule's outcome, worst first.
 *
 * @param verdict       passed, unstable or failed: the worst outcome over all rules and slices
 * @param candidateRun  the run judged
 * @param baseline      the run it was compared with, and why
 * @param rulesFrom     where the rules were read, e.g. "mlci.yaml at origin/main (3f46737)"
 * @param rubberStamp   true when change rules were skipped because there was no baseline
 * @param missingSlices slices a rule asked for that the candidate does not have ("slice/metric")
 * @param seeds         the bootstrap seeds used, so the verdict can be reproduced
 * @param evaluatedBy   where the candidate's judged metrics came from when not from its own training,
 *                      e.g. "trusted evaluation: main at 3f46737"; null = the metrics its training wrote
 */
public record GateResult(RuleStatus verdict, String candidateRun, BaselineInfo baseline, String rulesFrom,
                         boolean rubberStamp, List<String> missingSlices, List<Long> seeds, List<RuleOutcome> outcomes,
                         String evaluatedBy) {

    public GateResult {
        verdict = verdict == RuleStatus.SKIPPED ? RuleStatus.PASSED : verdict;
        missingSlices = List.copyOf(missingSlices);
        seeds = List.copyOf(seeds);
        outcomes = List.copyOf(outcomes);
    }

    /** A verdict on the metrics the candidate's own training wrote. */
    public GateResult(RuleStatus verdict, String candidateRun, BaselineInfo baseline, String rulesFrom,
                      boolean rubberStamp, List<String> missingSlices, List<Long> seeds, List<RuleOutcome> outcomes) {
        this(verdict, candidateRun, baseline, rulesFrom, rubberStamp, missingSlices, seeds, outcomes, null);
    }

    /** The same verdict, saying which evaluation produced the metrics it judged. */
    public GateResult evaluatedBy(String evaluation) {
        return new GateResult(verdict, candidateRun, baseline, rulesFrom, rubberStamp, missingSlices, seeds, outcomes, evaluation);
    }

    /** The worst outcome, which the console and the PR report lead with; null without rules. */
    @JsonProperty("worst")
    public RuleOutcome worst() {
        return outcomes.isEmpty() ? null : outcomes.get(0);
    }

    /**
     * What a reader of the verdict must know before its numbers, or null: the candidate was
     * compared with its own training (a rubber stamp that measured nothing), or a relative rule
     * met a baseline of 0. Titles and headlines carry it, not only the details.
     */
    public String caveat() {
        if (baseline != null && baseline.sameTraining()) {
            return "compared run " + candidateRun + " with itself: it reuses the training of its baseline "
                    + baseline.runId() + ", so no change was measured (rubber stamp)";
        }
        return outcomes.stream().filter(o -> o.message().contains(GateEvaluator.ZERO_BASE)).findFirst()
                .map(o -> o.metric() + (o.slice().isEmpty() ? "" : " [" + o.slice() + "]") + ": " + GateEvaluator.ZERO_BASE
                        + " (the baseline's value is 0)")
                .orElse(null);
    }

    /** GitHub check conclusion: success, neutral or failure; neutral when no rule judged anything. */
    @JsonProperty("conclusion")
    public String conclusion() {
        if (outcomes.isEmpty() && verdict == RuleStatus.PASSED) {
            return "neutral";
        }
        return switch (verdict) {
            case FAILED -> "failure";
            case UNSTABLE -> "neutral";
            default -> "success";
        };
    }
}
