package io.mlci.core.gate;

import io.mlci.core.config.Section;
import io.mlci.core.config.YamlNode;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code gate:} section: policies and rules, long form or short form, with messages
 * that name the line and field of a bad rule.
 *
 * <p>Short form: {@code "METRIC [delta|delta%] OP NUMBER"} with OP one of {@code >= <= > <}.
 * {@code delta} is the raw difference cand − base and {@code delta%} is 100 · (cand − base) / |base|,
 * so no direction is needed: they read as change bounds with "higher is better" and the numbers
 * taken as written. A short rule can carry {@code severity} and {@code slices} in the mapping form
 * {@code {rule: "...", severity: unstable}}.
 */
public final class GateRules {

    private static final List<String> TOP = List.of("baseline", "onMissingBaseline", "onMissingMetric", "rules");
    private static final List<String> LONG = List.of("metric", "direction", "value", "change", "slices", "significance",
            "severity", "onZeroBase");
    private static final List<String> SHORT_MAP = List.of("rule", "severity", "slices", "onZeroBase");
    private static final List<String> BOUNDS = List.of("min", "max");
    private static final List<String> CHANGE = List.of("absolute", "relative");
    private static final List<String> SIGNIFICANCE = List.of("test", "alpha", "resamples", "seed");
    private static final List<String> COST = List.of("cost", "costIncrease", "severity");
    private static final Pattern PERCENT = Pattern.compile("^\\s*([-+]?(?:\\d+\\.?\\d*|\\.\\d+))\\s*%?\\s*$");
    private static final Pattern SHORT = Pattern.compile(
            "^\\s*([^\\s<>=]+)\\s+(?:(delta%|delta)\\s+)?(>=|<=|>|<)\\s*([-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?)\\s*$");

    private GateRules() {
    }

    /** The gate section (null = no gate section: no rules, defaults). */
    public static GateConfig parse(YamlNode gate, String source) {
        Section section = Section.of(gate, TOP);
        String baselineText = section.string("baseline", "target-branch");
        BaselineChoice baseline = BaselineChoice.parse(baselineText);
        if (baseline == null) {
            throw section.node("baseline").error("expected target-branch, merge-base, run:<id> or none, got '" + baselineText + "'");
        }
        GateConfig.MissingBaseline missingBaseline = switch (section.choice("onMissingBaseline",
                List.of("rubber-stamp", "unstable", "fail"), "rubber-stamp")) {
            case "unstable" -> GateConfig.MissingBaseline.UNSTABLE;
            case "fail" -> GateConfig.MissingBaseline.FAIL;
            default -> GateConfig.MissingBaseline.RUBBER_STAMP;
        };
        GateConfig.MissingMetric missingMetric = switch (section.choice("onMissingMetric",
                List.of("fail", "unstable", "ignore"), "fail")) {
            case "unstable" -> GateConfig.MissingMetric.UNSTABLE;
            case "ignore" -> GateConfig.MissingMetric.IGNORE;
            default -> GateConfig.MissingMetric.FAIL;
        };
        List<Rule> rules = new ArrayList<>();
        YamlNode list = section.node("rules");
        if (list != null) {
            if (list.kind() != YamlNode.Kind.LIST) {
                throw list.error("expected a list of rules, got " + list.describe());
            }
            for (YamlNode item : list.items()) {
                rules.add(rule(item));
            }
        }
        return new GateConfig(baseline, missingBaseline, missingMetric, rules, source);
    }

    private static Rule rule(YamlNode item) {
        if (item.isScalar() && !item.isNull()) {
            return shortRule(item, item.scalar(), Severity.FAIL, List.of(""), false);
        }
        if (item.kind() != YamlNode.Kind.MAP) {
            throw item.error("expected a rule: a mapping with 'metric', or a string such as \"accuracy >= 0.8\"");
        }
        if (item.get("cost") != null || item.get("costIncrease") != null) {
            return costRule(item);
        }
        if (item.get("rule") != null) {
            Section section = Section.of(item, SHORT_MAP);
            return shortRule(section.node("rule"), section.string("rule", ""), severity(section),
                    section.strings("slices", List.of("")), zeroBase(section));
        }
        return longRule(item);
    }

    private static Rule shortRule(YamlNode node, String text, Severity severity, List<String> slices, boolean skipZero) {
        Matcher m = SHORT.matcher(text);
        if (!m.matches()) {
            throw node.error("'" + text + "' is not a rule; write METRIC [delta|delta%] OP NUMBER with OP one of >= <= > <,"
                    + " e.g. \"accuracy >= 0.8\" or \"loss delta% <= 2\"");
        }
        String metric = m.group(1);
        String kind = m.group(2);
        String op = m.group(3);
        double number = Double.parseDouble(m.group(4));
        Bounds bound = switch (op) {
            case ">=" -> new Bounds(number, null, true, true);
            case ">" -> new Bounds(number, null, false, true);
            case "<=" -> new Bounds(null, number, true, true);
            default -> new Bounds(null, number, true, false);
        };
        Bounds none = Bounds.inclusive(null, null);
        if (kind == null) {
            return new Rule(metric, null, bound, none, none, slices, null, severity, skipZero, false, text, node.location());
        }
        if (kind.equals("delta")) {
            return new Rule(metric, Direction.HIGHER, none, bound, none, slices, null, severity, skipZero, true, text, node.location());
        }
        Bounds relative = new Bounds(bound.min() == null ? null : bound.min() / 100, bound.max() == null ? null : bound.max() / 100,
                bound.minInclusive(), bound.maxInclusive());
        return new Rule(metric, Direction.HIGHER, none, none, relative, slices, null, severity, skipZero, true, text, node.location());
    }

    /**
     * {@code cost: {max: 25.0}} bounds what the run's training cost; {@code costIncrease: {max: 20%}}
     * bounds its rise over the baseline's, in percent (the sign may be left out).
     */
    private static Rule costRule(YamlNode item) {
        Section section = Section.of(item, COST);
        if (section.has("cost") && section.has("costIncrease")) {
            throw item.error("give 'cost' and 'costIncrease' as two rules, each with its own severity");
        }
        Bounds none = Bounds.inclusive(null, null);
        if (section.has("cost")) {
            Bounds value = bounds(section.node("cost"));
            if (!value.isSet()) {
                throw section.node("cost").error("a cost rule needs a bound, e.g. 'cost: {max: 25.0}'");
            }
            return new Rule(Rule.COST, Direction.LOWER, value, none, none, List.of(""), null, severity(section), false, false,
                    "cost " + value.describe(1), section.node("cost").location(), true);
        }
        YamlNode node = section.node("costIncrease");
        Section increase = Section.of(node, BOUNDS);
        Double min = percent(increase.node("min"));
        Double max = percent(increase.node("max"));
        if (min == null && max == null) {
            throw node.error("a cost increase rule needs a bound, e.g. 'costIncrease: {max: 20%}'");
        }
        if (min != null && max != null && min > max) {
            throw node.error("min " + Bounds.number(min * 100) + "% is above max " + Bounds.number(max * 100) + "%");
        }
        Bounds relative = Bounds.inclusive(min, max);
        return new Rule(Rule.COST, Direction.HIGHER, none, none, relative, List.of(""), null, severity(section), false, true,
                "cost delta% " + relative.describe(100), node.location(), true);
    }

    /** {@code 20%} or {@code 20}: a percentage, returned as a fraction (0.2). */
    private static Double percent(YamlNode node) {
        if (node == null) {
            return null;
        }
        Matcher m = node.isScalar() ? PERCENT.matcher(node.scalar()) : null;
        if (m == null || !m.matches()) {
            throw node.error("expected a percentage such as 20% or 20, got " + node.describe());
        }
        return Double.parseDouble(m.group(1)) / 100;
    }

    private static Rule longRule(YamlNode item) {
        Section section = Section.of(item, LONG);
        String metric = section.string("metric", null);
        if (metric == null || metric.isBlank()) {
            throw item.error("a rule needs 'metric', the name of the metric it checks");
        }
        String directionText = section.choice("direction", List.of("higher", "lower"), null);
        Direction direction = directionText == null ? null : Direction.valueOf(directionText.toUpperCase());
        Bounds value = bounds(section.node("value"));
        Section change = Section.of(section.node("change"), CHANGE);
        Bounds absolute = bounds(change.node("absolute"));
        Bounds relative = bounds(change.node("relative"));
        if ((absolute.isSet() || relative.isSet()) && direction == null) {
            throw item.error("a rule with change bounds needs 'direction: higher' or 'direction: lower'");
        }
        if (!value.isSet() && !absolute.isSet() && !relative.isSet()) {
            throw item.error("the rule for '" + metric + "' sets no bound; give 'value' or 'change'");
        }
        Significance significance = significance(section.node("significance"));
        if (significance != null && !(absolute.isSet() || relative.isSet())) {
            throw section.node("significance").error("significance decides change bounds; this rule has none");
        }
        return new Rule(metric, direction, value, absolute, relative, section.strings("slices", List.of("")),
                significance, severity(section), zeroBase(section), false, describe(metric, direction, value, absolute, relative),
                item.location());
    }

    private static Bounds bounds(YamlNode node) {
        Section section = Section.of(node, BOUNDS);
        Double min = section.number("min");
        Double max = section.number("max");
        if (min != null && max != null && min > max) {
            throw node.error("min " + min + " is above max " + max);
        }
        return Bounds.inclusive(min, max);
    }

    private static Significance significance(YamlNode node) {
        if (node == null) {
            return null;
        }
        Section section = Section.of(node, SIGNIFICANCE);
        Significance.Test test = section.choice("test", List.of("paired-bootstrap", "mcnemar"), "paired-bootstrap")
                .equals("mcnemar") ? Significance.Test.MCNEMAR : Significance.Test.PAIRED_BOOTSTRAP;
        Double alpha = section.number("alpha");
        if (alpha != null && (alpha <= 0 || alpha >= 1)) {
            throw section.node("alpha").error("expected a level between 0 and 1, e.g. 0.05");
        }
        int resamples = section.nonNegativeInt("resamples", Significance.DEFAULT_RESAMPLES);
        if (resamples < 100) {
            throw section.node("resamples").error("expected at least 100 resamples");
        }
        Double seed = section.number("seed");
        return new Significance(test, alpha == null ? Significance.DEFAULT_ALPHA : alpha, resamples,
                seed == null ? Significance.DEFAULT_SEED : seed.longValue());
    }

    private static Severity severity(Section section) {
        return section.choice("severity", List.of("fail", "unstable"), "fail").equals("unstable") ? Severity.UNSTABLE : Severity.FAIL;
    }

    private static boolean zeroBase(Section section) {
        return section.choice("onZeroBase", List.of("fail", "skip"), "fail").equals("skip");
    }

    private static String describe(String metric, Direction direction, Bounds value, Bounds absolute, Bounds relative) {
        List<String> parts = new ArrayList<>();
        if (value.isSet()) {
            parts.add(metric + " " + value.describe(1));
        }
        if (absolute.isSet()) {
            parts.add("improvement " + absolute.describe(1));
        }
        if (relative.isSet()) {
            parts.add("improvement% " + relative.describe(100));
        }
        return String.join(", ", parts) + (direction != null ? " (" + direction.label() + " is better)" : "");
    }
}
