package io.mlci.core.report;

import io.mlci.core.evaluate.CostReview;
import io.mlci.core.run.cost.CostTotals;
import io.mlci.core.run.record.Resources;
import org.junit.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

public class CostLineTest {

    private static Resources.Training training(String run, double hours, Double pricePerHour, String currency) {
        Resources.Cost cost = pricePerHour == null ? null
                : new Resources.Cost(pricePerHour, currency, "mlci.yaml at main (3f46737, pinned) cost.prices.g5.xlarge", null,
                        pricePerHour * hours);
        return new Resources.Training(run, hours, hours, "g5.xlarge", "spot", "eu-west-1", cost);
    }

    @Test
    public void shouldShowTheCostToTheCentWithItsCurrencyPriceAndDelta() {
        CostReview review = new CostReview(training("cand", 1.5, 1.006, "EUR"), training("base", 1.25, 1.006, "EUR"),
                new CostTotals(1, 1, 0, 0, 0, 1.5, 1.5, Map.of("EUR", 1.509), Map.of()));

        String line = CostLine.of(review, "cand");

        assertThat(line).isEqualTo("Cost: 1.51 EUR for 1.50 h of g5.xlarge (spot) at 1.006 EUR/h "
                + "(mlci.yaml at main (3f46737, pinned) cost.prices.g5.xlarge); baseline 1.26 EUR, +0.25 EUR (+20.0%).");
    }

    @Test
    public void shouldShowWhatTheChangeSpentAndItsSkipsSavedAndASubCentCost() {
        CostReview review = new CostReview(training("orig", 10 / 3600.0, 1.0, "USD"), null,
                new CostTotals(3, 2, 1, 0, 0, 0.01, 0, Map.of("USD", 0.0061), Map.of("USD", 0.0028)));

        String line = CostLine.of(review, "cand");

        assertThat(line).startsWith("Cost: skipped, reusing run orig, whose training cost 0.0028 USD for 10.0 s")
                .endsWith("2 training(s) of this change cost 0.0061 USD; 1 skipped run(s) saved 0.0028 USD.");
    }

    @Test
    public void shouldCountRestoredPipelineStagesAmongWhatTheChangeSaved() {
        CostReview review = new CostReview(training("cand", 0.5, 2.0, "USD"), null,
                new CostTotals(2, 1, 1, 2, 0, 0.6, 0, Map.of("USD", 1.2), Map.of("USD", 3.5)));

        assertThat(CostLine.of(review, "cand"))
                .endsWith("1 training(s) of this change cost 1.20 USD; 1 skipped run(s) and 2 restored pipeline stage(s) saved 3.50 USD.");
        CostReview stagesOnly = new CostReview(training("cand", 0.5, 2.0, "USD"), null,
                new CostTotals(1, 1, 0, 1, 0, 0.5, 0, Map.of("USD", 1.0), Map.of("USD", 0.75)));
        assertThat(CostLine.of(stagesOnly, "cand"))
                .endsWith("1 training(s) of this change cost 1.00 USD; 1 restored pipeline stage(s) saved 0.75 USD.");
    }

    @Test
    public void shouldCallUnpricedMoneyUnknownButNoTrainingZero() {
        CostReview unpriced = new CostReview(training("cand", 1, null, null), null,
                new CostTotals(3, 2, 1, 0, 3, 3, 0, Map.of(), Map.of()));
        CostReview onlySkipped = new CostReview(training("orig", 1, null, null), null,
                new CostTotals(1, 0, 1, 0, 1, 0, 0, Map.of(), Map.of()));

        assertThat(CostLine.of(unpriced, "cand"))
                .endsWith("2 training(s) of this change cost unknown; 1 skipped run(s) saved unknown (3 run(s) without a price).");
        assertThat(CostLine.of(onlySkipped, "cand"))
                .endsWith("0 training(s) of this change cost 0.00; 1 skipped run(s) saved unknown (1 run(s) without a price).");
    }

    @Test
    public void shouldSayHowToSetAPriceWhenNoneIsKnown() {
        CostReview review = new CostReview(training("cand", 1, null, null), training("base", 1, 1.0, "USD"), CostTotals.NONE);

        assertThat(CostLine.of(review, "cand")).startsWith("Cost: unknown").contains("MLCI_PRICE_PER_HOUR")
                .doesNotContain("baseline");
        assertThat(CostLine.of(null, "cand")).isNull();
    }
}
