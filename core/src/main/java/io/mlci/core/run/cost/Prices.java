package io.mlci.core.run.cost;

import io.mlci.core.InvalidInputException;
import io.mlci.core.config.CostConfig;
import io.mlci.core.config.MlciConfig;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the price of an hour of a machine, in this order: mlci.yaml's {@code cost.prices} for the
 * instance type, mlci.yaml's {@code cost.pricePerHour}, the {@code MLCI_PRICE_PER_HOUR} variable,
 * and last the dated table shipped with mlci (for a known instance type; a spot instance at the
 * documented fraction of its on-demand price).
 */
public final class Prices {

    public static final String PRICE_VARIABLE = "MLCI_PRICE_PER_HOUR";

    private final CostConfig config;
    private final String configName;
    private final Map<String, String> env;
    private final PriceTable table;

    /**
     * @param configName how the cost section is named in a price's source, e.g. "mlci.yaml",
     *                   "mlci.yaml at origin/main"
     */
    public Prices(CostConfig config, String configName, Map<String, String> env, PriceTable table) {
        this.config = config;
        this.configName = configName;
        this.env = env;
        this.table = table;
    }

    /**
     * The prices a repository's mlci.yaml, the environment and mlci's table give, checked: a
     * malformed {@code MLCI_PRICE_PER_HOUR} is refused now, before anything is started that would need it.
     */
    public static Prices of(MlciConfig config, Map<String, String> env) {
        return new Prices(config.cost(), config.source(), env, PriceTable.shipped()).validated();
    }

    /** Refuses a malformed {@code MLCI_PRICE_PER_HOUR} now, before anything is started that would need it. */
    public Prices validated() {
        variable();
        return this;
    }

    /**
     * @param instanceType EC2 instance type, or null when unknown
     * @param lifecycle    spot or on-demand, or null
     * @param region       EC2 region, or null
     * @return empty when no source names a price for this machine
     */
    public Optional<Price> of(String instanceType, String lifecycle, String region) {
        if (instanceType != null && config.prices().containsKey(instanceType)) {
            return Optional.of(new Price(config.prices().get(instanceType), config.currency(),
                    configName + " cost.prices." + instanceType, null));
        }
        if (config.pricePerHour() != null) {
            return Optional.of(new Price(config.pricePerHour(), config.currency(), configName + " cost.pricePerHour", null));
        }
        Optional<Double> variable = variable();
        if (variable.isPresent()) {
            return Optional.of(new Price(variable.get(), config.currency(), PRICE_VARIABLE, null));
        }
        return instanceType == null ? Optional.empty() : fromTable(instanceType, lifecycle, region);
    }

    private Optional<Price> fromTable(String instanceType, String lifecycle, String region) {
        String where = region;
        Optional<Double> onDemand = region == null ? Optional.empty() : table.onDemand(region, instanceType);
        if (onDemand.isEmpty()) {
            where = table.defaultRegion();
            onDemand = table.onDemand(where, instanceType);
        }
        if (onDemand.isEmpty()) {
            return Optional.empty();
        }
        String source = "mlci price table (" + table.source() + ", " + where
                + (where.equals(region) ? "" : region == null ? "; region unknown" : "; " + region + " not listed") + ")";
        double perHour = onDemand.get();
        if ("spot".equals(lifecycle)) {
            double fraction = config.spotFraction() != null ? config.spotFraction() : table.spotFraction();
            perHour = Math.round(perHour * fraction * 1e6) / 1e6;
            source += ", spot at " + Math.round(fraction * 100) + "% of on-demand";
        }
        return Optional.of(new Price(perHour, table.currency(), source, table.date()));
    }

    private Optional<Double> variable() {
        String text = env.get(PRICE_VARIABLE);
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            double value = Double.parseDouble(text.strip());
            if (value >= 0 && Double.isFinite(value)) {
                return Optional.of(value);
            }
        } catch (NumberFormatException e) {
            // reported below, with the variable's name
        }
        throw new InvalidInputException(PRICE_VARIABLE, null, String.format(Locale.ROOT,
                "expected a price per hour of 0 or more, such as 1.006, got '%s'", text));
    }
}
