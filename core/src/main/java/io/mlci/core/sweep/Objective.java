package io.mlci.core.sweep;

/**
 * What a sweep optimises: one metric and whether larger or smaller is better.
 *
 * @param metric flattened metric name, e.g. {@code auc} or {@code eval.loss}
 * @param goal   which way is better
 */
public record Objective(String metric, Goal goal) {

    public enum Goal {
        MAX, MIN;

        public String word() {
            return name().toLowerCase();
        }
    }

    public Objective {
        if (metric == null || metric.isBlank()) {
            throw new IllegalArgumentException("an objective needs a metric");
        }
    }

    /** True when {@code a} is strictly better than {@code b}; NaN is never better than anything. */
    public boolean better(double a, double b) {
        if (Double.isNaN(a)) {
            return false;
        }
        if (Double.isNaN(b)) {
            return true;
        }
        return goal == Goal.MAX ? a > b : a < b;
    }

    /** How much worse {@code value} is than {@code reference}, positive when worse. */
    public double loss(double reference, double value) {
        return goal == Goal.MAX ? reference - value : value - reference;
    }
}
