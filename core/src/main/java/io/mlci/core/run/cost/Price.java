package io.mlci.core.run.cost;

import io.mlci.core.run.record.Resources;

/**
 * What an hour of a machine costs, and where that figure came from.
 *
 * @param perHour  price per hour
 * @param currency ISO 4217 code
 * @param source   e.g. "MLCI_PRICE_PER_HOUR", "mlci.yaml cost.prices.g5.xlarge"
 * @param date     the date of a table price; null for a figure the user gave
 */
public record Price(double perHour, String currency, String source, String date) {

    public Price {
        if (perHour < 0 || !Double.isFinite(perHour)) {
            throw new IllegalArgumentException("a price per hour must be a finite number of 0 or more, got " + perHour);
        }
    }

    /** The cost of {@code hours} at this price, kept to a millionth of the currency unit. */
    public Resources.Cost costOf(double hours) {
        return new Resources.Cost(perHour, currency, source, date, Math.round(perHour * hours * 1e6) / 1e6);
    }
}
