package io.mlci.core.run.cost;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Amounts of money as people read them: cents for anything of a cent or more ({@code 12.35 USD}),
 * two significant digits below that ({@code 0.0042 USD}), so a short training is not shown as
 * costing nothing. Halves round up, as on an invoice.
 */
public final class Money {

    private static final BigDecimal CENT = new BigDecimal("0.01");

    private Money() {
    }

    public static String format(double amount, String currency) {
        return amount(amount) + " " + currency;
    }

    /** The number alone, e.g. {@code 12.35}, {@code -0.50}, {@code 0.0042}. */
    public static String amount(double amount) {
        BigDecimal value = BigDecimal.valueOf(amount);
        if (value.signum() == 0 || value.abs().compareTo(CENT) >= 0) {
            return value.setScale(2, RoundingMode.HALF_UP).toPlainString();
        }
        return value.round(new MathContext(2, RoundingMode.HALF_UP)).stripTrailingZeros().toPlainString();
    }

    /** A price per hour as given, to at most four decimals: {@code 1.006 USD/h}, {@code 0.50 USD/h}. */
    public static String rate(double perHour, String currency) {
        BigDecimal value = BigDecimal.valueOf(perHour).setScale(4, RoundingMode.HALF_UP).stripTrailingZeros();
        return (value.scale() < 2 ? value.setScale(2) : value).toPlainString() + " " + currency + "/h";
    }

    /** A signed change: {@code +1.20 USD}, {@code -0.35 USD}. */
    public static String signed(double amount, String currency) {
        return (amount > 0 ? "+" : "") + format(amount, currency);
    }
}
