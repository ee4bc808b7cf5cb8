package io.mlci.core.gate;

import io.mlci.core.InvalidInputException;
import io.mlci.core.config.MlciYaml;
import org.junit.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The gate's cost rules: {@code cost: {max: ...}} per run and {@code costIncrease: {max: ...%}} against the baseline. */
public class CostRuleTest {

    private static final BaselineInfo BASE = new BaselineInfo("base-run", "c0ffee", "main", "newest passing run of main");

    private static GateResult judge(String rules, Double candidateCost, Double baselineCost, boolean withBaseline) {
        GateConfig gate = GateRules.parse(MlciYaml.parse("mlci.yaml", "gate:\n  rules:\n" + rules).gate(), "mlci.yaml");
        GateInput input = new GateInput(Map.of(), withBaseline ? Map.of() : null, null, null, candidateCost, baselineCost);
        return new GateEvaluator(gate).evaluate(input, "cand-run", withBaseline ? BASE : BaselineInfo.none("no baseline"));
    }

    @Test
    public void shouldPassACostWithinItsBound() {
        GateResult result = judge("    - cost: {max: 25.0}\n", 24.99, null, false);

        assertThat(result.verdict()).isEqualTo(RuleStatus.PASSED);
        assertThat(result.worst().metric()).isEqualTo(Rule.COST);
        assertThat(result.worst().rule()).isEqualTo("cost <= 25");
        assertThat(result.worst().cand()).isEqualTo(24.99);
    }

    @Test
    public void shouldShowTheBaselinesCostAndTheDeltaBesideAFixedBound() {
        GateResult withBase = judge("    - cost: {max: 25.0}\n", 24.0, 20.0, true);

        assertThat(withBase.worst().base()).isEqualTo(20.0);
        assertThat(withBase.worst().cand()).isEqualTo(24.0);
        assertThat(withBase.worst().delta()).isEqualTo(4.0);
        assertThat(judge("    - cost: {max: 25.0}\n", 24.0, 20.0, false).worst().base()).as("no baseline run").isNull();
    }

    @Test
    public void shouldFailACostAboveItsBoundAndWarnWithSeverityUnstable() {
        GateResult failed = judge("    - cost: {max: 25.0}\n", 25.01, null, false);
        GateResult unstable = judge("    - cost: {max: 25.0}\n      severity: unstable\n", 25.01, null, false);

        assertThat(failed.verdict()).isEqualTo(RuleStatus.FAILED);
        assertThat(failed.worst().message()).isEqualTo("training cost 25.01 is not <= 25");
        assertThat(failed.worst().line()).isEqualTo("mlci.yaml:3");
        assertThat(unstable.verdict()).isEqualTo(RuleStatus.UNSTABLE);
    }

    @Test
    public void shouldBoundTheIncreaseOverTheBaselinesCostInPercent() {
        String rule = "    - costIncrease: {max: 20%}\n";

        assertThat(judge(rule, 12.0, 10.0, true).verdict()).as("+20%% is within").isEqualTo(RuleStatus.PASSED);
        assertThat(judge(rule, 8.0, 10.0, true).verdict()).as("cheaper").isEqualTo(RuleStatus.PASSED);
        GateResult failed = judge(rule, 12.5, 10.0, true);
        assertThat(failed.verdict()).isEqualTo(RuleStatus.FAILED);
        assertThat(failed.worst().deltaPct()).isEqualTo(25.0);
        assertThat(failed.worst().message()).contains("relative change 25%").contains("<= 20%");
        assertThat(judge("    - costIncrease: {max: 20}\n      severity: unstable\n", 12.5, 10.0, true).verdict())
                .isEqualTo(RuleStatus.UNSTABLE);
    }

    @Test
    public void shouldFollowTheMissingPoliciesWhenACostIsUnknown() {
        GateResult noPrice = judge("    - cost: {max: 25.0}\n", null, null, false);
        GateResult noBaseline = judge("    - costIncrease: {max: 20%}\n", 12.0, null, false);
        GateResult baselineUnpriced = judge("    - costIncrease: {max: 20%}\n", 12.0, null, true);

        assertThat(noPrice.verdict()).isEqualTo(RuleStatus.FAILED);
        assertThat(noPrice.worst().message()).contains("no price is known for its machine");
        assertThat(noBaseline.verdict()).isEqualTo(RuleStatus.PASSED);
        assertThat(noBaseline.rubberStamp()).isTrue();
        assertThat(baselineUnpriced.worst().message()).contains("the baseline run has no training cost");
    }

    @Test
    public void shouldNotMistakeAMetricNamedCostForTheCost() {
        GateConfig gate = GateRules.parse(MlciYaml.parse("mlci.yaml", "gate:\n  rules:\n    - cost: {max: 1}\n").gate(), "mlci.yaml");
        GateInput input = new GateInput(Map.of("cost", com.fasterxml.jackson.databind.node.DoubleNode.valueOf(0.5),
                "training cost", com.fasterxml.jackson.databind.node.DoubleNode.valueOf(0.5)), null, null, null, 3.0, null);

        assertThat(new GateEvaluator(gate).evaluate(input, "cand", BaselineInfo.none("none")).verdict()).isEqualTo(RuleStatus.FAILED);
    }

    @Test
    public void shouldRefuseMalformedCostRulesNamingTheLine() {
        assertThatThrownBy(() -> judge("    - cost: {max: 1}\n      costIncrease: {max: 5%}\n", 1.0, null, false))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("two rules");
        assertThatThrownBy(() -> judge("    - cost: {}\n", 1.0, null, false)).hasMessageContaining("needs a bound");
        assertThatThrownBy(() -> judge("    - costIncrease: {max: lots}\n", 1.0, null, false))
                .hasMessageContaining("mlci.yaml:3").hasMessageContaining("percentage");
        assertThatThrownBy(() -> judge("    - cost: {maximum: 1}\n", 1.0, null, false)).hasMessageContaining("gate.rules[0].cost.maximum").hasMessageContaining("allowed here: min, max");
        assertThatThrownBy(() -> judge("    - cost: {max: 1}\n      slices: [a]\n", 1.0, null, false))
                .hasMessageContaining("allowed here: cost, costIncrease, severity");
    }
}
