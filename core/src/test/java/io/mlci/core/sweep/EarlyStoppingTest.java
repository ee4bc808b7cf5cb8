package io.mlci.core.sweep;

import org.junit.Test;

import static org.assertj.core.api.Assertions.assertThat;

public class EarlyStoppingTest {

    @Test
    public void shouldReadStepMetricsFromKeyValueAndJsonLines() {
        assertThat(StepMetrics.parse("epoch=3 loss=0.42 val_auc=0.81 lr=1e-3")).hasValueSatisfying(point -> {
            assertThat(point.step()).isEqualTo(3);
            assertThat(point.values()).containsEntry("loss", 0.42).containsEntry("val_auc", 0.81).containsEntry("lr", 0.001);
        });
        assertThat(StepMetrics.parse("{\"step\": 7, \"val_auc\": 0.9, \"phase\": \"eval\"}"))
                .hasValueSatisfying(point -> assertThat(point.values()).containsOnlyKeys("val_auc"));
        assertThat(StepMetrics.parse("loss=0.42 without a step")).isEmpty();
        assertThat(StepMetrics.parse("step=2 and nothing else")).isEmpty();
        assertThat(StepMetrics.parse("{not json step}")).isEmpty();
        assertThat(StepMetrics.parse("x".repeat(100_000) + " step=1 auc=0.5")).as("only a line's start is read").isEmpty();
    }

    @Test
    public void shouldStopATrialWorseThanTheMedianOfFinishedTrials() {
        MedianStoppingRule rule = new MedianStoppingRule(new EarlyStop("val_auc", 2, 2), Objective.Goal.MAX);
        for (String good : new String[]{"a", "b", "c"}) {
            for (int step = 1; step <= 4; step++) {
                assertThat(rule.report(good, step, 0.7 + 0.01 * step)).isEmpty();
            }
            rule.finished(good);
        }

        assertThat(rule.report("bad", 1, 0.5)).as("before minSteps").isEmpty();
        assertThat(rule.report("bad", 2, 0.55)).hasValueSatisfying(reason ->
                assertThat(reason).startsWith(MedianStoppingRule.STOPPED_EARLY).contains("step 2").contains("3 finished trials")
                        .contains("best val_auc 0.55 is worse than the median 0.715 of"));
        assertThat(rule.report("promising", 1, 0.9)).isEmpty();
        assertThat(rule.report("promising", 2, 0.95)).isEmpty();
    }

    @Test
    public void shouldNeverStopBeforeEnoughTrialsFinishedAndRespectTheGoal() {
        MedianStoppingRule lossRule = new MedianStoppingRule(new EarlyStop("val_loss", 2, 1), Objective.Goal.MIN);
        lossRule.report("a", 1, 0.3);
        lossRule.finished("a");
        assertThat(lossRule.report("x", 1, 5.0)).as("one finished trial is not enough").isEmpty();
        lossRule.report("b", 1, 0.4);
        lossRule.finished("b");

        assertThat(lossRule.report("low-loss", 1, 0.1)).isEmpty();
        assertThat(lossRule.report("high-loss", 1, 0.9)).isPresent();
        assertThat(lossRule.report("nan", 1, Double.NaN)).isEmpty();
    }
}
