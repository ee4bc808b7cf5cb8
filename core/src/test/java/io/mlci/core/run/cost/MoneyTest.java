package io.mlci.core.run.cost;

import org.junit.Test;

import static org.assertj.core.api.Assertions.assertThat;

public class MoneyTest {

    @Test
    public void shouldShowCentsRoundingHalvesUp() {
        assertThat(Money.format(12.345, "USD")).isEqualTo("12.35 USD");
        assertThat(Money.format(1.006, "EUR")).isEqualTo("1.01 EUR");
        assertThat(Money.format(25, "USD")).isEqualTo("25.00 USD");
        assertThat(Money.format(0.01, "USD")).isEqualTo("0.01 USD");
        assertThat(Money.format(-0.505, "USD")).isEqualTo("-0.51 USD");
    }

    @Test
    public void shouldShowTwoSignificantDigitsBelowACent() {
        assertThat(Money.format(0.0041666, "USD")).isEqualTo("0.0042 USD");
        assertThat(Money.format(0.0005, "USD")).isEqualTo("0.0005 USD");
        assertThat(Money.format(0, "USD")).isEqualTo("0.00 USD");
    }

    @Test
    public void shouldShowAPriceAsGivenToFourDecimals() {
        assertThat(Money.rate(1.006, "USD")).isEqualTo("1.006 USD/h");
        assertThat(Money.rate(0.5, "EUR")).isEqualTo("0.50 EUR/h");
        assertThat(Money.rate(0.44924, "USD")).isEqualTo("0.4492 USD/h");
        assertThat(Money.rate(3, "USD")).isEqualTo("3.00 USD/h");
    }

    @Test
    public void shouldSignChanges() {
        assertThat(Money.signed(1.2, "USD")).isEqualTo("+1.20 USD");
        assertThat(Money.signed(-0.35, "USD")).isEqualTo("-0.35 USD");
        assertThat(Money.signed(0, "USD")).isEqualTo("0.00 USD");
    }
}
