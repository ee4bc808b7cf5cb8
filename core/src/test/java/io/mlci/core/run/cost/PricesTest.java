package io.mlci.core.run.cost;

import io.mlci.core.InvalidInputException;
import io.mlci.core.config.CostConfig;
import io.mlci.core.config.MlciYaml;
import org.junit.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

public class PricesTest {

    private static CostConfig cost(String yaml) {
        return MlciYaml.parse("mlci.yaml", yaml).cost();
    }

    private static Prices prices(String yaml, Map<String, String> env) {
        return new Prices(cost(yaml), "mlci.yaml", env, PriceTable.shipped());
    }

    @Test
    public void shouldTakeTheInstanceTypesPriceFromMlciYamlFirst() {
        Prices prices = prices("cost:\n  prices: {g5.xlarge: 0.9, p3.2xlarge: 2.5}\n  pricePerHour: 7\n  currency: EUR\n",
                Map.of(Prices.PRICE_VARIABLE, "3"));

        Price price = prices.of("g5.xlarge", "spot", "us-east-1").orElseThrow();

        assertThat(price).isEqualTo(new Price(0.9, "EUR", "mlci.yaml cost.prices.g5.xlarge", null));
    }

    @Test
    public void shouldFallBackToPricePerHourForATypeTheTableOfPricesLacks() {
        Prices prices = prices("cost:\n  prices: {g5.xlarge: 0.9}\n  pricePerHour: 7\n", Map.of(Prices.PRICE_VARIABLE, "3"));

        assertThat(prices.of("g4dn.xlarge", null, null)).contains(new Price(7, "USD", "mlci.yaml cost.pricePerHour", null));
        assertThat(prices.of(null, null, null)).contains(new Price(7, "USD", "mlci.yaml cost.pricePerHour", null));
    }

    @Test
    public void shouldTakeTheVariableWhenMlciYamlNamesNoPrice() {
        Prices prices = prices("", Map.of(Prices.PRICE_VARIABLE, " 2.75 "));

        assertThat(prices.of(null, null, null)).contains(new Price(2.75, "USD", "MLCI_PRICE_PER_HOUR", null));
        assertThat(prices.of("g5.xlarge", "on-demand", "us-east-1")).contains(new Price(2.75, "USD", "MLCI_PRICE_PER_HOUR", null));
    }

    @Test
    public void shouldPriceAKnownInstanceFromTheDatedTableLast() {
        Price price = prices("", Map.of()).of("g5.xlarge", "on-demand", "eu-west-1").orElseThrow();

        assertThat(price.perHour()).isEqualTo(1.123);
        assertThat(price.currency()).isEqualTo("USD");
        assertThat(price.date()).isEqualTo(PriceTable.shipped().date()).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(price.source()).contains("mlci price table").contains("eu-west-1");
        assertThat(prices("", Map.of()).of("p5.48xlarge", "on-demand", "us-east-1").orElseThrow().perHour())
                .as("after AWS's June 2025 cut").isEqualTo(55.04);
    }

    @Test
    public void shouldPriceASpotInstanceAtTheDocumentedFractionOrTheUsersOwn() {
        Price table = prices("", Map.of()).of("g5.xlarge", "spot", "us-east-1").orElseThrow();
        Price own = prices("cost:\n  spotFraction: 0.3\n", Map.of()).of("g5.xlarge", "spot", "us-east-1").orElseThrow();

        assertThat(table.perHour()).isCloseTo(1.006 * PriceTable.shipped().spotFraction(), within(1e-9));
        assertThat(table.source()).contains("spot at 40% of on-demand");
        assertThat(own.perHour()).isCloseTo(0.3018, within(1e-9));
    }

    @Test
    public void shouldUseTheDefaultRegionAndSaySoWhenTheRegionIsUnknownOrUnlisted() {
        Price unknown = prices("", Map.of()).of("g5.xlarge", null, null).orElseThrow();
        Price unlisted = prices("", Map.of()).of("g5.xlarge", null, "ap-south-2").orElseThrow();

        assertThat(unknown.perHour()).isEqualTo(1.006);
        assertThat(unknown.source()).contains("us-east-1; region unknown");
        assertThat(unlisted.source()).contains("ap-south-2 not listed");
    }

    @Test
    public void shouldHaveNoPriceForAnUnknownMachine() {
        assertThat(prices("", Map.of()).of(null, null, null)).isEmpty();
        assertThat(prices("", Map.of()).of("m5.large", null, "us-east-1")).isEmpty();
    }

    @Test
    public void shouldRefuseAMalformedPriceVariableNamingIt() {
        Prices prices = prices("", Map.of(Prices.PRICE_VARIABLE, "one dollar"));

        assertThatThrownBy(prices::validated).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("MLCI_PRICE_PER_HOUR").hasMessageContaining("'one dollar'");
        assertThatThrownBy(() -> prices("", Map.of(Prices.PRICE_VARIABLE, "-1")).validated())
                .hasMessageContaining("0 or more");
    }

    @Test
    public void shouldRefuseBadCostSectionsNamingTheField() {
        assertThatThrownBy(() -> cost("cost:\n  prices: {g5.xlarge: cheap}\n"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("mlci.yaml:2").hasMessageContaining("cost.prices.g5.xlarge");
        assertThatThrownBy(() -> cost("cost:\n  prices: 1.0\n")).hasMessageContaining("instance type to price per hour");
        assertThatThrownBy(() -> cost("cost:\n  pricePerHour: -2\n")).hasMessageContaining("cost.pricePerHour");
        assertThatThrownBy(() -> cost("cost:\n  currency: dollars\n")).hasMessageContaining("three-letter currency code");
        assertThatThrownBy(() -> cost("cost:\n  spotFraction: 1.5\n")).hasMessageContaining("cost.spotFraction");
        assertThatThrownBy(() -> cost("cost:\n  pricePerHr: 1\n")).hasMessageContaining("did you mean 'pricePerHour'");
    }

    @Test
    public void shouldKeepACostToAMillionthOfTheCurrency() {
        assertThat(new Price(1.006, "USD", "x", null).costOf(1.0 / 3).estimate()).isEqualTo(0.335333);
    }
}
