package io.mlci.core.run.cost;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The dated table of on-demand GPU instance prices shipped with mlci ({@code gpu-prices.txt}):
 * the last resort when the user names no price. Nothing is fetched at run time, so a price from
 * here is as old as the table, and the record says so.
 */
public final class PriceTable {

    private static final String RESOURCE = "gpu-prices.txt";
    private static final PriceTable SHIPPED = load();

    private final Map<String, Double> prices;
    private final Map<String, String> header;

    private PriceTable(Map<String, Double> prices, Map<String, String> header) {
        this.prices = prices;
        this.header = header;
    }

    public static PriceTable shipped() {
        return SHIPPED;
    }

    public String date() {
        return header.get("date");
    }

    public String source() {
        return header.get("source");
    }

    public String currency() {
        return header.get("currency");
    }

    public double spotFraction() {
        return Double.parseDouble(header.get("spotFraction"));
    }

    public String defaultRegion() {
        return header.get("defaultRegion");
    }

    /** The on-demand price of a type in a region, without falling back to another region. */
    public Optional<Double> onDemand(String region, String instanceType) {
        return Optional.ofNullable(prices.get(region + " " + instanceType));
    }

    private static PriceTable load() {
        Map<String, Double> prices = new HashMap<>();
        Map<String, String> header = new HashMap<>();
        try (InputStream in = PriceTable.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the mlci jar lacks " + RESOURCE);
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                String text = line.strip();
                if (text.isEmpty() || text.startsWith("#")) {
                    continue;
                }
                int equals = text.indexOf('=');
                if (equals > 0) {
                    header.put(text.substring(0, equals).strip(), text.substring(equals + 1).strip());
                    continue;
                }
                String[] fields = text.split("\\s+");
                if (fields.length != 3) {
                    throw new IllegalStateException(RESOURCE + ": '" + text + "' is not 'region type price'");
                }
                prices.put(fields[0] + " " + fields[1], Double.parseDouble(fields[2]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        for (String key : new String[] {"date", "source", "currency", "spotFraction", "defaultRegion"}) {
            if (!header.containsKey(key)) {
                throw new IllegalStateException(RESOURCE + " lacks its '" + key + "' line");
            }
        }
        return new PriceTable(Map.copyOf(prices), Map.copyOf(header));
    }
}
