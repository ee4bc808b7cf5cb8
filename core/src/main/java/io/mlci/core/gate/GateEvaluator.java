package io.mlci.core.gate;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlci.core.metrics.MetricNames;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Applies gate rules to a candidate and its baseline, following gate-semantics: bounds on the
 * value and on the improvement δ (cand − base when higher is better, base − cand when lower is),
 * relative change over |base|, missing baselines and metrics by policy, non-numbers failing
 * closed, significance deciding change bounds when asked, and the verdict the worst outcome.
 */
public final class GateEvaluator {

    /** Fewer shared examples than this cannot support a significance decision. */
    static final int MIN_PAIRED_EXAMPLES = 10;
    /** The words of a relative rule's outcome when the baseline is 0; a verdict's title repeats them. */
    static final String ZERO_BASE = "relative change cannot be computed";

    private final GateConfig config;

    public GateEvaluator(GateConfig config) {
        this.config = config;
    }

    public GateResult evaluate(GateInput input, String candidateRun, BaselineInfo baseline) {
        List<RuleOutcome> outcomes = new ArrayList<>();
        Set<String> missingSlices = new LinkedHashSet<>();
        Set<Long> seeds = new LinkedHashSet<>();
        boolean rubberStamp = false;
        for (Rule rule : config.rules()) {
            for (String slice : slicesOf(rule, input)) {
                Check check = new Check(rule, slice, input);
                RuleOutcome outcome = check.run();
                outcomes.add(outcome);
                if (check.missingSlice) {
                    missingSlices.add(slice + "/" + rule.metric());
                }
                rubberStamp |= check.rubberStamped;
                if (check.usedSeed) {
                    seeds.add(rule.significance().seed());
                }
            }
        }
        List<RuleOutcome> sorted = new ArrayList<>(outcomes);
        sorted.sort(Comparator.comparing(RuleOutcome::status).reversed());
        RuleStatus verdict = outcomes.stream().map(RuleOutcome::status).max(Comparator.naturalOrder()).orElse(RuleStatus.PASSED);
        return new GateResult(verdict, candidateRun, baseline, config.source(), rubberStamp,
                new ArrayList<>(missingSlices), new ArrayList<>(seeds), sorted);
    }

    /** The rule's slices; "*" stands for every slice either run reports for the metric. */
    private static List<String> slicesOf(Rule rule, GateInput input) {
        Set<String> slices = new LinkedHashSet<>();
        for (String slice : rule.slices()) {
            if (slice.equals("*")) {
                Set<String> names = new TreeSet<>(input.candidate().keySet());
                if (input.baseline() != null) {
                    names.addAll(input.baseline().keySet());
                }
                slices.addAll(MetricNames.slicesOf(rule.metric(), names));
            } else {
                slices.add(slice);
            }
        }
        return new ArrayList<>(slices);
    }

    /** One rule on one slice. */
    private final class Check {
        private final Rule rule;
        private final String slice;
        private final GateInput input;
        private final List<String> messages = new ArrayList<>();
        private RuleStatus status = RuleStatus.PASSED;
        private Double base;
        private Double cand;
        private List<Double> interval;
        private Double p;
        boolean missingSlice;
        boolean rubberStamped;
        boolean usedSeed;

        Check(Rule rule, String slice, GateInput input) {
            this.rule = rule;
            this.slice = slice;
            this.input = input;
        }

        RuleOutcome run() {
            String name = MetricNames.inSlice(rule.metric(), slice);
            JsonNode candNode = rule.onCost() ? cost(input.candidateCost()) : input.candidate().get(name);
            if (candNode == null) {
                missingSlice = !slice.isEmpty();
                RuleStatus missing = switch (config.onMissingMetric()) {
                    case FAIL -> RuleStatus.FAILED;
                    case UNSTABLE -> RuleStatus.UNSTABLE;
                    case IGNORE -> RuleStatus.SKIPPED;
                };
                String what = rule.onCost() ? "training cost: no price is known for its machine" : describeName();
                return outcome(missing, "the candidate has no " + what + " (onMissingMetric: "
                        + config.onMissingMetric().label() + ")");
            }
            cand = number(candNode);
            if (cand == null) {
                return outcome(RuleStatus.FAILED, "the candidate's " + describeName() + " is " + text(candNode) + ", not a number");
            }
            // every row shows the base when a baseline run exists, a fixed-threshold cost rule's too
            base = input.baseline() == null ? null
                    : number(rule.onCost() ? cost(input.baselineCost()) : input.baseline().get(name));
            if (rule.value().isSet() && !rule.value().contains(cand)) {
                violate(describeName() + " " + fmt(cand) + " is not " + rule.value().describe(1));
            }
            if (rule.hasChangeBounds()) {
                checkChange(name);
            }
            if (messages.isEmpty()) {
                messages.add(status == RuleStatus.SKIPPED ? "skipped" : "ok");
            }
            return outcome(status, String.join("; ", messages));
        }

        private void checkChange(String name) {
            if (input.baseline() == null) {
                missingBaseline("there is no baseline run");
                return;
            }
            JsonNode baseNode = rule.onCost() ? cost(input.baselineCost()) : input.baseline().get(name);
            if (baseNode == null) {
                missingBaseline("the baseline run has no " + describeName());
                return;
            }
            base = number(baseNode);
            if (base == null) {
                note(RuleStatus.FAILED, "the baseline's " + describeName() + " is " + text(baseNode) + "; cannot compare");
                return;
            }
            double improvement = rule.direction().improvement(base, cand);
            PairedPredictions pairs = rule.significance() == null ? null : pairs();
            if (rule.significance() != null && pairs == null) {
                return;
            }
            if (rule.absolute().isSet()) {
                decide(rule.absolute(), rule.absolute().describe(1), improvement, 1, pairs, noun() + " " + fmt(improvement));
            }
            if (rule.relative().isSet()) {
                if (base == 0) {
                    note(rule.skipZeroBase() ? RuleStatus.SKIPPED : RuleStatus.FAILED,
                            ZERO_BASE + ": the baseline's " + describeName() + " is 0"
                                    + (rule.skipZeroBase() ? " (onZeroBase: skip)" : ""));
                } else {
                    double relative = improvement / Math.abs(base);
                    decide(rule.relative(), rule.relative().describe(100) + "%", relative, 1 / Math.abs(base), pairs,
                            "relative " + noun() + " " + fmt(100 * relative) + "%");
                }
            }
        }

        /**
         * Checks one change bound, by point estimate or, when the rule asks, by significance.
         *
         * @param scale the bound's unit per unit of improvement (1, or 1 / |base| for relative bounds): scales
         *              the accuracy improvements predictions measure, and the rounding tolerance
         */
        private void decide(Bounds bounds, String bound, double point, double scale, PairedPredictions pairs, String what) {
            if (pairs == null) {
                // a difference of two doubles carries their rounding error, about 1e-16 of their size
                double tolerance = 1e-12 * Math.max(Math.abs(base), Math.abs(cand)) * scale;
                if (!bounds.contains(point, tolerance)) {
                    violate(what + " is not " + bound);
                }
                return;
            }
            Significance test = rule.significance();
            if (test.test() == Significance.Test.PAIRED_BOOTSTRAP) {
                usedSeed = true;
                double[] ci = PairedBootstrap.interval(pairs, test.alpha(), test.resamples(), test.seed());
                double low = ci[0] * scale;
                double high = ci[1] * scale;
                interval = List.of(low, high);
                String range = String.format(Locale.ROOT, "%d%% interval [%s, %s]", Math.round(100 * (1 - test.alpha())),
                        fmt(low), fmt(high));
                if (bounds.containsAll(low, high)) {
                    messages.add(what + ", " + range + ": within the bound");
                } else if (bounds.containsNone(low, high)) {
                    violate(what + ", " + range + ": wholly outside " + bound);
                } else {
                    note(RuleStatus.UNSTABLE, what + ", " + range + " straddles the bound: inconclusive");
                }
                return;
            }
            p = McNemar.pValue(pairs.fixed(), pairs.broken());
            double observed = pairs.meanImprovement() * scale;
            boolean significant = p < test.alpha();
            String evidence = String.format(Locale.ROOT, "%s (%d fixed, %d broken, McNemar p = %s)", what, pairs.fixed(),
                    pairs.broken(), fmt(p));
            boolean requiresGain = bounds.min() != null && bounds.min() > 0;
            if (bounds.contains(observed) && (significant || !requiresGain)) {
                messages.add(evidence + ": within the bound");
            } else if (!bounds.contains(observed) && significant) {
                violate(evidence + " is not " + bound + " and significant");
            } else {
                note(RuleStatus.UNSTABLE, evidence + ": not significant at " + fmt(test.alpha()) + ", inconclusive");
            }
        }

        private PairedPredictions pairs() {
            if (input.candidatePredictions() == null || input.baselinePredictions() == null) {
                note(RuleStatus.UNSTABLE, "significance needs per-example predictions of both runs; "
                        + (input.candidatePredictions() == null ? "the candidate" : "the baseline") + " has none "
                        + "(set metrics.predictions in mlci.yaml to the file the training writes them to)");
                return null;
            }
            PairedPredictions pairs = PairedPredictions.of(input.candidatePredictions(), input.baselinePredictions());
            if (pairs.size() < MIN_PAIRED_EXAMPLES) {
                note(RuleStatus.UNSTABLE, "only " + pairs.size() + " examples appear in both runs' predictions; "
                        + "at least " + MIN_PAIRED_EXAMPLES + " are needed for a significance decision");
                return null;
            }
            return pairs;
        }

        /** The short form's delta is the raw change (cand − base), not an improvement: say so. */
        private String noun() {
            return rule.rawChange() ? "change" : "improvement";
        }

        private void missingBaseline(String why) {
            switch (config.onMissingBaseline()) {
                case RUBBER_STAMP -> {
                    rubberStamped = true;
                    note(RuleStatus.SKIPPED, why + ": change bounds not checked (rubber stamp)");
                }
                case UNSTABLE -> note(RuleStatus.UNSTABLE, why + " (onMissingBaseline: unstable)");
                case FAIL -> note(RuleStatus.FAILED, why + " (onMissingBaseline: fail)");
            }
        }

        private void violate(String message) {
            note(rule.severity().violated(), message);
        }

        private void note(RuleStatus outcome, String message) {
            messages.add(message);
            if (outcome == RuleStatus.SKIPPED) {
                if (status == RuleStatus.PASSED && !rule.value().isSet()) {
                    status = RuleStatus.SKIPPED;
                }
                return;
            }
            if (outcome.worseThan(status)) {
                status = outcome;
            }
        }

        private RuleOutcome outcome(RuleStatus finalStatus, String message) {
            Double delta = base != null && cand != null ? cand - base : null;
            Double deltaPct = delta != null && base != 0 ? 100 * delta / Math.abs(base) : null;
            return new RuleOutcome(rule.text(), rule.line(), rule.metric(), slice, base, cand, delta, deltaPct, interval, p,
                    finalStatus, message);
        }

        private String describeName() {
            return slice.isEmpty() ? rule.metric() : rule.metric() + " in slice " + slice;
        }
    }

    private static JsonNode cost(Double amount) {
        return amount == null ? null : com.fasterxml.jackson.databind.node.DoubleNode.valueOf(amount);
    }

    /** A finite number, or null for NaN, infinities, text and structures. */
    static Double number(JsonNode node) {
        if (node == null || !node.isNumber()) {
            return null;
        }
        double value = node.doubleValue();
        return Double.isFinite(value) ? value : null;
    }

    private static String text(JsonNode node) {
        return node.isTextual() ? "'" + node.textValue() + "'" : node.toString();
    }

    static String fmt(double value) {
        return Bounds.number(value);
    }
}
