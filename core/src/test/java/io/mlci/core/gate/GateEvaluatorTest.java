package io.mlci.core.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.mlci.core.InvalidInputException;
import io.mlci.core.config.MlciYaml;
import io.mlci.core.metrics.Predictions;
import org.junit.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** One test per line of gate-semantics.md. */
public class GateEvaluatorTest {

    private static final BaselineInfo BASE = new BaselineInfo("base-run", "c0ffee", "main", "newest passing run of main");

    private static GateConfig gate(String yaml) {
        return GateRules.parse(MlciYaml.parse("mlci.yaml", yaml).gate(), "mlci.yaml");
    }

    private static Map<String, JsonNode> metrics(Object... pairs) {
        Map<String, JsonNode> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            Object value = pairs[i + 1];
            map.put((String) pairs[i], value instanceof String text ? TextNode.valueOf(text)
                    : DoubleNode.valueOf(((Number) value).doubleValue()));
        }
        return map;
    }

    private static GateResult judge(String yaml, Map<String, JsonNode> cand, Map<String, JsonNode> base) {
        return new GateEvaluator(gate(yaml)).evaluate(new GateInput(cand, base, null, null), "cand-run",
                base == null ? BaselineInfo.none("no passing run of main") : BASE);
    }

    private static RuleStatus status(String yaml, Map<String, JsonNode> cand, Map<String, JsonNode> base) {
        return judge(yaml, cand, base).verdict();
    }

    private static final String ACCURACY = """
            gate:
              rules:
                - metric: accuracy
                  direction: higher
                  value: { min: 0.80 }
                  change:
                    absolute: { min: -0.005 }
            """;

    @Test
    public void shouldTreatValueBoundsAsInclusive() {
        String rule = "gate:\n  rules:\n    - metric: accuracy\n      value: { min: 0.80, max: 0.99 }\n";
        assertThat(status(rule, metrics("accuracy", 0.80), null)).isEqualTo(RuleStatus.PASSED);
        assertThat(status(rule, metrics("accuracy", 0.99), null)).isEqualTo(RuleStatus.PASSED);
        assertThat(status(rule, metrics("accuracy", 0.7999), null)).isEqualTo(RuleStatus.FAILED);
        assertThat(status(rule, metrics("accuracy", 0.995), null)).isEqualTo(RuleStatus.FAILED);
    }

    @Test
    public void shouldMeasureImprovementAsCandMinusBaseWhenHigherIsBetter() {
        assertThat(status(ACCURACY, metrics("accuracy", 0.895), metrics("accuracy", 0.90))).isEqualTo(RuleStatus.PASSED);
        GateResult worse = judge(ACCURACY, metrics("accuracy", 0.894), metrics("accuracy", 0.90));
        assertThat(worse.verdict()).isEqualTo(RuleStatus.FAILED);
        assertThat(worse.worst().delta()).isCloseTo(-0.006, within(1e-12));
        assertThat(worse.worst().message()).contains("improvement -0.006 is not >= -0.005");
    }

    @Test
    public void shouldMeasureImprovementAsBaseMinusCandWhenLowerIsBetter() {
        String rule = "gate:\n  rules:\n    - metric: loss\n      direction: lower\n      change: { absolute: { min: -0.005 } }\n";
        assertThat(status(rule, metrics("loss", 0.302), metrics("loss", 0.30))).isEqualTo(RuleStatus.PASSED);
        assertThat(status(rule, metrics("loss", 0.31), metrics("loss", 0.30))).isEqualTo(RuleStatus.FAILED);
        assertThat(status(rule, metrics("loss", 0.20), metrics("loss", 0.30))).isEqualTo(RuleStatus.PASSED);
    }

    @Test
    public void shouldDivideRelativeChangeByTheAbsoluteBaselineSoNegativeBaselinesKeepTheirSign() {
        String rule = "gate:\n  rules:\n    - metric: profit\n      direction: higher\n      change: { relative: { min: 0.05 } }\n";
        GateResult better = judge(rule, metrics("profit", -90), metrics("profit", -100));
        assertThat(better.verdict()).as("-100 -> -90 is a 10%% improvement, not a 10%% drop").isEqualTo(RuleStatus.PASSED);
        assertThat(better.worst().deltaPct()).isCloseTo(10.0, within(1e-9));
        assertThat(status(rule, metrics("profit", -110), metrics("profit", -100))).isEqualTo(RuleStatus.FAILED);
    }

    @Test
    public void shouldFlagSuspiciousGainsWithARelativeMaximum() {
        String rule = "gate:\n  rules:\n    - metric: accuracy\n      direction: higher\n      change: { relative: { min: -0.01, max: 0.20 } }\n";
        assertThat(status(rule, metrics("accuracy", 0.55), metrics("accuracy", 0.50))).isEqualTo(RuleStatus.PASSED);
        assertThat(status(rule, metrics("accuracy", 0.80), metrics("accuracy", 0.50))).isEqualTo(RuleStatus.FAILED);
    }

    @Test
    public void shouldFailRelativeChangeOnAZeroBaseUnlessToldToSkip() {
        String rule = "gate:\n  rules:\n    - metric: errors\n      direction: lower\n      change: { relative: { max: 0.1 } }\n";
        GateResult zero = judge(rule, metrics("errors", 3), metrics("errors", 0));
        assertThat(zero.verdict()).isEqualTo(RuleStatus.FAILED);
        assertThat(zero.worst().message()).contains("relative change cannot be computed").contains("is 0");
        assertThat(zero.worst().deltaPct()).isNull();
        assertThat(status(rule.replace("      direction", "      onZeroBase: skip\n      direction"), metrics("errors", 3),
                metrics("errors", 0))).isEqualTo(RuleStatus.PASSED);
    }

    @Test
    public void shouldSayAZeroBaseInTheCheckTitleNotOnlyInTheDetails() {
        String rule = "gate:\n  rules:\n    - metric: errors\n      direction: lower\n      change: { relative: { max: 0.1 } }\n";
        GateResult failed = judge(rule, metrics("errors", 3), metrics("errors", 0));
        GateResult skipped = judge(rule.replace("      direction", "      onZeroBase: skip\n      direction"),
                metrics("errors", 3), metrics("errors", 0));

        assertThat(io.mlci.core.ci.CheckRun.title(failed)).startsWith("failed: errors")
                .contains("errors: relative change cannot be computed (the baseline's value is 0)");
        assertThat(io.mlci.core.ci.CheckRun.title(skipped)).startsWith("passed: errors +3")
                .contains("relative change cannot be computed (the baseline's value is 0)");
    }

    @Test
    public void shouldShowTheBaseOfAFixedThresholdRuleWhenThereIsABaseline() {
        GateResult result = judge("gate:\n  rules:\n    - \"accuracy >= 0.8\"\n", metrics("accuracy", 0.85),
                metrics("accuracy", 0.9));

        assertThat(result.worst().base()).isEqualTo(0.9);
        assertThat(result.worst().cand()).isEqualTo(0.85);
        assertThat(result.worst().delta()).isCloseTo(-0.05, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(result.worst().status()).isEqualTo(RuleStatus.PASSED);
    }

    @Test
    public void shouldRubberStampChangeRulesWithoutABaselineButStillCheckValues() {
        GateResult stamped = judge(ACCURACY, metrics("accuracy", 0.85), null);
        assertThat(stamped.verdict()).isEqualTo(RuleStatus.PASSED);
        assertThat(stamped.rubberStamp()).isTrue();
        assertThat(stamped.worst().message()).contains("rubber stamp");
        assertThat(status(ACCURACY, metrics("accuracy", 0.70), null)).as("value rules still apply").isEqualTo(RuleStatus.FAILED);
        assertThat(status("gate:\n  rules:\n    - \"accuracy delta >= 0\"\n", metrics("accuracy", 0.5), null))
                .as("a change-only rule without a baseline is skipped, which passes").isEqualTo(RuleStatus.PASSED);
    }

    @Test
    public void shouldApplyTheMissingBaselinePolicy() {
        assertThat(status("gate:\n  onMissingBaseline: unstable\n" + ACCURACY.substring(ACCURACY.indexOf("  rules")),
                metrics("accuracy", 0.85), null)).isEqualTo(RuleStatus.UNSTABLE);
        assertThat(status("gate:\n  onMissingBaseline: fail\n" + ACCURACY.substring(ACCURACY.indexOf("  rules")),
                metrics("accuracy", 0.85), null)).isEqualTo(RuleStatus.FAILED);
        assertThat(status("gate:\n  onMissingBaseline: fail\n" + ACCURACY.substring(ACCURACY.indexOf("  rules")),
                metrics("accuracy", 0.85), metrics("loss", 0.3))).as("a baseline without the metric counts as missing")
                .isEqualTo(RuleStatus.FAILED);
    }

    @Test
    public void shouldFailClosedOnAMissingMetricByDefault() {
        GateResult missing = judge(ACCURACY, metrics("loss", 0.2), metrics("accuracy", 0.9));
        assertThat(missing.verdict()).isEqualTo(RuleStatus.FAILED);
        assertThat(missing.worst().message()).contains("has no accuracy");
        String rules = ACCURACY.substring(ACCURACY.indexOf("  rules"));
        assertThat(status("gate:\n  onMissingMetric: unstable\n" + rules, metrics("loss", 0.2), null)).isEqualTo(RuleStatus.UNSTABLE);
        assertThat(status("gate:\n  onMissingMetric: ignore\n" + rules, metrics("loss", 0.2), null)).isEqualTo(RuleStatus.PASSED);
    }

    @Test
    public void shouldFailOnNanInfinityAndTextInMetrics() {
        assertThat(status(ACCURACY, metrics("accuracy", "NaN"), metrics("accuracy", 0.9))).isEqualTo(RuleStatus.FAILED);
        assertThat(status(ACCURACY, metrics("accuracy", "Infinity"), metrics("accuracy", 0.9))).isEqualTo(RuleStatus.FAILED);
        assertThat(status(ACCURACY, metrics("accuracy", "high"), metrics("accuracy", 0.9))).isEqualTo(RuleStatus.FAILED);
        assertThat(status(ACCURACY, metrics("accuracy", Double.NaN), metrics("accuracy", 0.9))).isEqualTo(RuleStatus.FAILED);
        GateResult brokenBase = judge(ACCURACY, metrics("accuracy", 0.9), metrics("accuracy", "NaN"));
        assertThat(brokenBase.verdict()).isEqualTo(RuleStatus.FAILED);
        assertThat(brokenBase.worst().message()).contains("baseline's accuracy is 'NaN'");
    }

    @Test
    public void shouldCheckEachSliceAndListMissingSlices() {
        String rule = "gate:\n  rules:\n    - metric: accuracy\n      value: { min: 0.8 }\n      slices: [\"\", \"region=eu\", \"region=us\"]\n";
        GateResult result = judge(rule, metrics("accuracy", 0.9, "slices.region=eu.accuracy", 0.75), null);

        assertThat(result.verdict()).isEqualTo(RuleStatus.FAILED);
        assertThat(result.outcomes()).hasSize(3);
        assertThat(result.missingSlices()).containsExactly("region=us/accuracy");
        assertThat(result.outcomes()).filteredOn(o -> o.slice().equals("region=eu")).singleElement()
                .satisfies(o -> assertThat(o.status()).isEqualTo(RuleStatus.FAILED));
    }

    @Test
    public void shouldExpandTheWildcardToEverySliceOfEitherRun() {
        String rule = "gate:\n  rules:\n    - metric: accuracy\n      value: { min: 0.8 }\n      slices: [\"*\"]\n";
        GateResult result = judge(rule, metrics("slices.a=1.accuracy", 0.9),
                metrics("slices.a=1.accuracy", 0.9, "slices.a=2.accuracy", 0.9));

        assertThat(result.outcomes()).extracting(RuleOutcome::slice).containsExactlyInAnyOrder("a=1", "a=2");
        assertThat(result.missingSlices()).containsExactly("a=2/accuracy");
    }

    @Test
    public void shouldMakeAViolationUnstableWhenTheRuleSaysSo() {
        String rule = "gate:\n  rules:\n    - metric: latency\n      value: { max: 40 }\n      severity: unstable\n";
        assertThat(status(rule, metrics("latency", 41), null)).isEqualTo(RuleStatus.UNSTABLE);
    }

    @Test
    public void shouldGiveTheWorstOutcomeAsVerdictAndListItFirst() {
        String rules = """
                gate:
                  rules:
                    - "accuracy >= 0.8"
                    - rule: "latency <= 40"
                      severity: unstable
                    - "loss <= 0.5"
                """;
        GateResult result = judge(rules, metrics("accuracy", 0.9, "latency", 50, "loss", 0.7), null);

        assertThat(result.verdict()).isEqualTo(RuleStatus.FAILED);
        assertThat(result.conclusion()).isEqualTo("failure");
        assertThat(result.outcomes()).extracting(RuleOutcome::status)
                .containsExactly(RuleStatus.FAILED, RuleStatus.UNSTABLE, RuleStatus.PASSED);
        assertThat(result.worst().metric()).isEqualTo("loss");
        assertThat(judge(rules, metrics("accuracy", 0.9, "latency", 50, "loss", 0.2), null).conclusion()).isEqualTo("neutral");
    }

    @Test
    public void shouldReadTheShortForm() {
        String rules = """
                gate:
                  rules:
                    - "accuracy >= 0.80"
                    - "accuracy delta >= -0.005"
                    - "loss delta% <= 2"
                    - "latency_p95_ms <= 40"
                    - "f1 > 0.5"
                """;
        Map<String, JsonNode> base = metrics("accuracy", 0.90, "loss", 0.50, "latency_p95_ms", 30, "f1", 0.6);
        assertThat(status(rules, metrics("accuracy", 0.896, "loss", 0.51, "latency_p95_ms", 40, "f1", 0.51), base))
                .isEqualTo(RuleStatus.PASSED);
        assertThat(status(rules, metrics("accuracy", 0.89, "loss", 0.50, "latency_p95_ms", 40, "f1", 0.51), base))
                .as("delta is the raw difference").isEqualTo(RuleStatus.FAILED);
        assertThat(status(rules, metrics("accuracy", 0.90, "loss", 0.511, "latency_p95_ms", 40, "f1", 0.51), base))
                .as("delta%% is 100 (cand - base) / |base|: 2.2 > 2").isEqualTo(RuleStatus.FAILED);
        assertThat(status(rules, metrics("accuracy", 0.90, "loss", 0.50, "latency_p95_ms", 40, "f1", 0.5), base))
                .as("> is strict").isEqualTo(RuleStatus.FAILED);
    }

    @Test
    public void shouldSerialiseTheResultAsGateSemanticsSays() throws Exception {
        GateResult result = judge(ACCURACY, metrics("accuracy", 0.894), metrics("accuracy", 0.90));
        JsonNode json = new ObjectMapper().valueToTree(result);

        assertThat(json.get("verdict").asText()).isEqualTo("failed");
        assertThat(json.at("/baseline/runId").asText()).isEqualTo("base-run");
        assertThat(json.at("/baseline/commit").asText()).isEqualTo("c0ffee");
        JsonNode first = json.get("outcomes").get(0);
        for (String field : List.of("metric", "slice", "base", "cand", "delta", "deltaPct", "interval", "p", "status", "message")) {
            assertThat(first.has(field)).as(field).isTrue();
        }
        assertThat(json.has("missingSlices")).isTrue();
        assertThat(json.has("rubberStamp")).isTrue();
        assertThat(json.has("seeds")).isTrue();
    }

    // ------------------------------------------------------------------ significance

    /** n examples; the first `fixed` only the candidate gets right, the next `broken` only the baseline, the rest both. */
    private static Predictions[] predictions(int n, int fixed, int broken) {
        Map<String, Boolean> cand = new LinkedHashMap<>();
        Map<String, Boolean> base = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            cand.put("ex" + i, i >= fixed + broken || i < fixed);
            base.put("ex" + i, i >= fixed);
        }
        return new Predictions[] {new Predictions(cand), new Predictions(base)};
    }

    private static GateResult significance(String test, int n, int fixed, int broken) {
        String yaml = """
                gate:
                  rules:
                    - metric: accuracy
                      direction: higher
                      change:
                        absolute: { min: -0.005 }
                      significance: { test: %s, alpha: 0.05, resamples: 2000, seed: 7 }
                """.formatted(test);
        Predictions[] p = predictions(n, fixed, broken);
        double baseAccuracy = (double) (n - fixed) / n;
        double candAccuracy = (double) (n - broken) / n;
        return new GateEvaluator(gate(yaml)).evaluate(new GateInput(metrics("accuracy", candAccuracy),
                metrics("accuracy", baseAccuracy), p[0], p[1]), "cand-run", BASE);
    }

    @Test
    public void shouldPassAChangeWhoseWholeBootstrapIntervalMeetsTheBound() {
        GateResult result = significance("paired-bootstrap", 1000, 100, 0);
        assertThat(result.verdict()).isEqualTo(RuleStatus.PASSED);
        assertThat(result.worst().interval().get(0)).isGreaterThan(0.05);
        assertThat(result.seeds()).containsExactly(7L);
    }

    @Test
    public void shouldFailAChangeWhoseWholeBootstrapIntervalIsBelowTheBound() {
        GateResult result = significance("paired-bootstrap", 1000, 0, 100);
        assertThat(result.verdict()).isEqualTo(RuleStatus.FAILED);
        assertThat(result.worst().interval().get(1)).isLessThan(-0.005);
    }

    @Test
    public void shouldCallAStraddlingIntervalInconclusive() {
        // 6 fixed, 9 broken of 500: the point estimate (-0.006) breaks the bound, the noise does not let us say so
        GateResult result = significance("paired-bootstrap", 500, 6, 9);
        assertThat(result.worst().delta()).isLessThan(-0.005);
        assertThat(result.verdict()).isEqualTo(RuleStatus.UNSTABLE);
        assertThat(result.worst().message()).contains("inconclusive");
        assertThat(result.worst().interval().get(0)).isLessThan(-0.005);
        assertThat(result.worst().interval().get(1)).isGreaterThan(-0.005);
    }

    @Test
    public void shouldReproduceTheBootstrapFromItsSeed() {
        assertThat(significance("paired-bootstrap", 500, 6, 9).worst().interval())
                .isEqualTo(significance("paired-bootstrap", 500, 6, 9).worst().interval());
    }

    @Test
    public void shouldComputeExactMcNemarPValues() {
        assertThat(McNemar.pValue(0, 10)).isEqualTo(2.0 / 1024);
        assertThat(McNemar.pValue(1, 9)).isCloseTo(22.0 / 1024, within(1e-15));
        assertThat(McNemar.pValue(5, 5)).isEqualTo(1.0);
        assertThat(McNemar.pValue(0, 0)).isEqualTo(1.0);
        assertThat(McNemar.pValue(2000, 2100)).isBetween(0.0, 1.0);
    }

    @Test
    public void shouldDecideChangesWithMcNemar() {
        assertThat(significance("mcnemar", 1000, 0, 30).verdict()).as("significant regression").isEqualTo(RuleStatus.FAILED);
        assertThat(significance("mcnemar", 1000, 30, 0).verdict()).isEqualTo(RuleStatus.PASSED);
        GateResult unclear = significance("mcnemar", 500, 6, 9);
        assertThat(unclear.verdict()).isEqualTo(RuleStatus.UNSTABLE);
        assertThat(unclear.worst().p()).isGreaterThan(0.05);
    }

    @Test
    public void shouldNotDecideSignificanceWithoutPredictions() {
        String yaml = ACCURACY.replace("        absolute: { min: -0.005 }",
                "        absolute: { min: -0.005 }\n      significance: { test: mcnemar }");
        GateResult result = new GateEvaluator(gate(yaml)).evaluate(new GateInput(metrics("accuracy", 0.85),
                metrics("accuracy", 0.9), null, null), "cand", BASE);
        assertThat(result.verdict()).isEqualTo(RuleStatus.UNSTABLE);
        assertThat(result.worst().message()).contains("needs per-example predictions")
                .contains("set metrics.predictions in mlci.yaml");
    }

    // ------------------------------------------------------------------ bad rules

    @Test
    public void shouldRejectBadRulesNamingLineAndField() {
        assertThatThrownBy(() -> gate("gate:\n  rules:\n    - metric: accuracy\n      change: { absolute: { min: 0 } }\n"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("mlci.yaml:3").hasMessageContaining("direction");
        assertThatThrownBy(() -> gate("gate:\n  rules:\n    - metric: accuracy\n      value: { minimum: 0.8 }\n"))
                .hasMessageContaining("mlci.yaml:4").hasMessageContaining("gate.rules[0].value.minimum")
                .hasMessageContaining("allowed here: min, max");
        assertThatThrownBy(() -> gate("gate:\n  rules:\n    - \"accuracy is good\"\n"))
                .hasMessageContaining("mlci.yaml:3").hasMessageContaining("METRIC [delta|delta%] OP NUMBER");
        assertThatThrownBy(() -> gate("gate:\n  rules:\n    - metric: a\n      value: { min: 2, max: 1 }\n"))
                .hasMessageContaining("min 2.0 is above max 1.0");
        assertThatThrownBy(() -> gate("gate:\n  baseline: yesterday\n"))
                .hasMessageContaining("target-branch, merge-base, run:<id> or none");
        assertThatThrownBy(() -> gate("gate:\n  rules:\n    - metric: a\n      value: { min: high }\n"))
                .hasMessageContaining("expected a number");
        assertThat(gate("gate:\n  baseline: run:20261123-1818\n").baseline().runId()).isEqualTo("20261123-1818");
    }
}
