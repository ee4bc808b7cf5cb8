package io.mlci.core.metrics;

/**
 * How metric names are built. Per-slice metrics live under {@code slices}:
 * {@code {"accuracy": 0.9, "slices": {"region=eu": {"accuracy": 0.85}}}} flattens to
 * {@code accuracy} and {@code slices.region=eu.accuracy}. The overall slice is the empty name.
 */
public final class MetricNames {

    public static final String SLICES = "slices";
    public static final String OVERALL = "";

    private MetricNames() {
    }

    /** The flattened name of a metric in a slice ("" = overall). */
    public static String inSlice(String metric, String slice) {
        return slice == null || slice.isEmpty() ? metric : SLICES + "." + slice + "." + metric;
    }

    /** The slices that have a value for the metric, among the flattened names. */
    public static java.util.SortedSet<String> slicesOf(String metric, java.util.Collection<String> names) {
        java.util.SortedSet<String> slices = new java.util.TreeSet<>();
        String suffix = "." + metric;
        for (String name : names) {
            if (name.startsWith(SLICES + ".") && name.endsWith(suffix) && name.length() > SLICES.length() + 1 + suffix.length()) {
                slices.add(name.substring(SLICES.length() + 1, name.length() - suffix.length()));
            }
        }
        return slices;
    }
}
