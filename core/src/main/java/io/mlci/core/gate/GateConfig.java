package io.mlci.core.gate;

import java.util.List;

/**
 * The {@code gate:} section of mlci.yaml, validated.
 *
 * @param baseline          which run to compare with
 * @param onMissingBaseline what change rules do when there is no baseline
 * @param onMissingMetric   what a rule does when the candidate lacks its metric (or slice)
 * @param source            where the rules came from, e.g. "mlci.yaml at origin/main (3f46737)"
 */
public record GateConfig(BaselineChoice baseline, MissingBaseline onMissingBaseline, MissingMetric onMissingMetric,
                         List<Rule> rules, String source) {

    public GateConfig {
        rules = List.copyOf(rules);
    }

    public GateConfig withSource(String where) {
        return new GateConfig(baseline, onMissingBaseline, onMissingMetric, rules, where);
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
