package io.mlci.core.gate;

import java.util.List;

/**
 * One gate rule: bounds on a metric's value and on its improvement over the baseline.
 *
 * @param metric       flattened metric name
 * @param direction    which way is better; required with change bounds
 * @param value        bounds on the candidate's value
 * @param absolute     bounds on the improvement δ
 * @param relative     bounds on δ / |base|
 * @param slices       slices to check ("" = overall, "*" = every slice either run has)
 * @param significance decide change bounds by a test on per-example predictions; null = point estimates
 * @param severity     what a violation does
 * @param skipZeroBase a relative bound with base 0 is skipped instead of failing
 * @param rawChange    change bounds are on cand − base as written (the short form's delta), not on an
 *                     improvement; the arithmetic is that of "higher is better", the wording differs
 * @param text         the rule as written, for reports
 * @param line         where it was written ("mlci.yaml:12")
 * @param onCost       the rule bounds the cost of the run's training, not a metric (see {@link #COST})
 */
public record Rule(String metric, Direction direction, Bounds value, Bounds absolute, Bounds relative,
                   List<String> slices, Significance significance, Severity severity, boolean skipZeroBase,
                   boolean rawChange, String text, String line, boolean onCost) {

    /** What a cost rule's outcome is called: not a name a metrics file can flatten to. */
    public static final String COST = "training cost";

    public Rule {
        slices = List.copyOf(slices);
    }

    public Rule(String metric, Direction direction, Bounds value, Bounds absolute, Bounds relative, List<String> slices,
                Significance significance, Severity severity, boolean skipZeroBase, boolean rawChange, String text,
                String line) {
        this(metric, direction, value, absolute, relative, slices, significance, severity, skipZeroBase, rawChange, text,
                line, false);
    }

    public boolean hasChangeBounds() {
        return absolute.isSet() || relative.isSet();
    }
}
