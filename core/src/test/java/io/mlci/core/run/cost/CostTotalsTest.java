package io.mlci.core.run.cost;

import org.junit.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

public class CostTotalsTest {

    @Test
    public void shouldCutTheNoiseOfSummedDoublesWhenRounded() {
        double spent = 0.000526 + 0.000225; // 7.509999999999999E-4 as a double sum
        double hours = 0.00035083333 + 0.00015;
        CostTotals totals = new CostTotals(2, 2, 0, 0, 0, hours, 0, Map.of("USD", spent), Map.of("EUR", 1.0 / 3));

        CostTotals rounded = totals.rounded();

        assertThat(spent).isNotEqualTo(0.000751);
        assertThat(rounded.spent()).containsEntry("USD", 0.000751);
        assertThat(rounded.saved()).containsEntry("EUR", 0.333333);
        assertThat(rounded.hours()).isEqualTo(0.000501);
        assertThat(rounded.runs()).isEqualTo(2);
    }
}
