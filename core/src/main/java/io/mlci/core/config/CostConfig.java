package io.mlci.core.config;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code cost:} section of mlci.yaml: what an hour of the training machine costs.
 *
 * @param prices       instance type -> price per hour, e.g. {@code g5.xlarge: 1.006}
 * @param pricePerHour the price of any machine the table {@code prices} does not name; null = none
 * @param currency     ISO 4217 code of these prices
 * @param spotFraction share of the on-demand price a spot instance is taken to cost when the
 *                     price comes from mlci's table; null = the table's documented default
 */
public record CostConfig(Map<String, Double> prices, Double pricePerHour, String currency, Double spotFraction) {

    public static final String DEFAULT_CURRENCY = "USD";
    public static final CostConfig NONE = new CostConfig(Map.of(), null, DEFAULT_CURRENCY, null);

    public CostConfig {
        prices = prices == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(prices));
        currency = currency == null ? DEFAULT_CURRENCY : currency;
    }
}
