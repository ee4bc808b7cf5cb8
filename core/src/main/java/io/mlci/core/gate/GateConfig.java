package io.mlci.core.gate;

import io.mlci.core.config.CostConfig;

import java.util.List;

/**
 * The {@code gate:} section of mlci.yaml, validated.
 *
 * @param baseline          which run to compare with
 * @param onMissingBaseline what change rules do when there is no baseline
 * @param onMissingMetric   what a rule does when the candidate lacks its metric (or slice)
 * @param source            where the rules came from, e.g. "mlci.yaml at origin/main (3f46737)"
 * @param cost              the prices read beside the rules, which cost rules price runs with
 */
public record GateConfig(BaselineChoice baseline, MissingBaseline onMissingBaseline, MissingMetric onMissingMetric,
                         List<Rule> rules, String source, CostConfig cost) {

    public GateConfig {
        rules = List.copyOf(rules);
        cost = cost == null ? CostConfig.NONE : cost;
    }

    public GateConfig(BaselineChoice baseline, MissingBaseline onMissingBaseline, MissingMetric onMissingMetric,
                      List<Rule> rules, String source) {
        this(baseline, onMissingBaseline, onMissingMetric, rules, source, CostConfig.NONE);
    }

    public GateConfig withSource(String where) {
        return new GateConfig(baseline, onMissingBaseline, onMissingMetric, rules, where, cost);
    }

    /** The same rules, pricing runs with the {@code cost:} section of the mlci.yaml they were read from. */
    public GateConfig withCost(CostConfig prices) {
        return new GateConfig(baseline, onMissingBaseline, onMissingMetric, rules, source, prices);
    }

    public boolean hasCostRules() {
        return rules.stream().anyMatch(Rule::onCost);
    }

    public enum MissingBaseline {
        RUBBER_STAMP("rubber-stamp"), UNSTABLE("unstable"), FAIL("fail");

        private final String label;

        MissingBaseline(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public enum MissingMetric {
        FAIL("fail"), UNSTABLE("unstable"), IGNORE("ignore");

        private final String label;

        MissingMetric(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
