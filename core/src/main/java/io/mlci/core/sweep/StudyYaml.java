package io.mlci.core.sweep;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlci.core.InvalidInputException;
import io.mlci.core.config.MlciYaml;
import io.mlci.core.config.Section;
import io.mlci.core.config.YamlNode;
import io.mlci.core.json.ParserLimits;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code sweep:} and {@code ablation:} from mlci.yaml (or a step parameter's YAML/JSON),
 * with the same located messages as the rest of mlci.yaml: file, line and dotted field.
 */
public final class StudyYaml {

    private static final List<String> SWEEP = List.of("params", "strategy", "trials", "seed", "maxParallel", "objective",
            "earlyStop");
    private static final List<String> ABLATION = List.of("features", "components", "objective", "maxParallel");
    private static final List<String> OBJECTIVE = List.of("metric", "goal");
    private static final List<String> EARLY_STOP = List.of("metric", "rule", "minTrials", "minSteps");
    private static final List<String> RANGE = List.of("min", "max", "log", "int");
    private static final List<String> DIMENSION = List.of("param", "items");
    /** Far beyond any search a CI budget affords; a typo such as 1000000 fails here, not on the bill. */
    static final int MAX_TRIALS = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private StudyYaml() {
    }

    /** The study in the repository's mlci.yaml; empty when there is none or it declares none. */
    public static Study load(Path repoRoot) {
        Path file = repoRoot.resolve(MlciYaml.FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return new Study(null, null);
        }
        YamlNode root = YamlNode.parse(MlciYaml.FILE_NAME, new String(ParserLimits.read(file, MlciYaml.FILE_NAME,
                ParserLimits.CONFIG_BYTES), StandardCharsets.UTF_8));
        return new Study(sweep(root.get("sweep")), ablation(root.get("ablation")));
    }

    /** A {@code sweep:} section given on its own, e.g. a Jenkins step's {@code sweep:} map as JSON. */
    public static SweepSpec parseSweep(String name, String text) {
        SweepSpec spec = sweep(YamlNode.parse(name, text));
        if (spec == null) {
            throw new InvalidInputException(name, null, "is empty; a sweep needs 'params'");
        }
        return spec;
    }

    static SweepSpec sweep(YamlNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        Section section = Section.of(node, SWEEP);
        YamlNode paramsNode = section.node("params");
        if (paramsNode == null || paramsNode.kind() != YamlNode.Kind.MAP || paramsNode.entries().isEmpty()) {
            throw (paramsNode == null ? node : paramsNode).error(
                    "needs 'params': a mapping of param name -> list of values, e.g. train.lr: [0.01, 0.1]");
        }
        SweepSpec.Strategy strategy = SweepSpec.Strategy.valueOf(
                section.choice("strategy", List.of("grid", "random"), "grid").toUpperCase());
        Map<String, ParamSpace> params = new LinkedHashMap<>();
        for (Map.Entry<String, YamlNode> entry : paramsNode.entries().entrySet()) {
            params.put(entry.getKey(), space(entry.getValue(), strategy));
        }
        int trials = section.nonNegativeInt("trials", 0);
        if (strategy == SweepSpec.Strategy.RANDOM && trials == 0) {
            throw (section.has("trials") ? section.node("trials") : node).error(
                    "random search needs 'trials', how many combinations to try");
        }
        if (trials > MAX_TRIALS) {
            throw section.node("trials").error("at most " + MAX_TRIALS + " trials, got " + trials);
        }
        if (strategy == SweepSpec.Strategy.GRID && trials > 0) {
            throw section.node("trials").error("a grid runs every combination; 'trials' is for strategy: random");
        }
        Objective objective = objective(section.node("objective"));
        if (objective == null) {
            throw node.error("needs 'objective', e.g. {metric: auc, goal: max}: it decides the best trial");
        }
        long seed = section.has("seed") ? wholeNumber(section.node("seed")) : SweepSpec.DEFAULT_SEED;
        return new SweepSpec(params, strategy, trials, seed, positive(section, "maxParallel", SweepSpec.DEFAULT_MAX_PARALLEL),
                objective, earlyStop(section.node("earlyStop"), objective));
    }

    static AblationSpec ablation(YamlNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        Section section = Section.of(node, ABLATION);
        List<AblationSpec.Dimension> dimensions = new ArrayList<>();
        dimension(section.node("features"), "feature", "features").ifPresent(dimensions::add);
        dimension(section.node("components"), "component", "components").ifPresent(dimensions::add);
        if (dimensions.isEmpty()) {
            throw node.error("needs 'features' or 'components': the list params to leave items out of");
        }
        return new AblationSpec(dimensions, objective(section.node("objective")),
                positive(section, "maxParallel", SweepSpec.DEFAULT_MAX_PARALLEL));
    }

    /**
     * {@code features: [a, b]} leaves a and b out of the param {@code features};
     * {@code features: {param: train.columns, items: [a, b]}} names the param; no items = all of them.
     */
    private static java.util.Optional<AblationSpec.Dimension> dimension(YamlNode node, String kind, String defaultParam) {
        if (node == null || node.isNull()) {
            return java.util.Optional.empty();
        }
        if (node.kind() == YamlNode.Kind.LIST) {
            return java.util.Optional.of(new AblationSpec.Dimension(kind, defaultParam, scalars(node)));
        }
        Section section = Section.of(node, DIMENSION);
        String param = section.string("param", defaultParam);
        YamlNode items = section.node("items");
        return java.util.Optional.of(new AblationSpec.Dimension(kind, param, items == null ? List.of() : scalars(items)));
    }

    private static List<String> scalars(YamlNode list) {
        if (list.kind() != YamlNode.Kind.LIST) {
            throw list.error("expected a list of names, got " + list.describe());
        }
        List<String> names = new ArrayList<>();
        for (YamlNode item : list.items()) {
            if (!item.isScalar() || item.isNull()) {
                throw item.error("expected a name, got " + item.describe());
            }
            if (names.contains(item.scalar())) {
                throw item.error("'" + item.scalar() + "' is listed twice");
            }
            names.add(item.scalar());
        }
        return names;
    }

    private static ParamSpace space(YamlNode node, SweepSpec.Strategy strategy) {
        if (node.kind() == YamlNode.Kind.LIST) {
            if (node.items().isEmpty()) {
                throw node.error("needs at least one value");
            }
            List<String> values = new ArrayList<>();
            for (YamlNode item : node.items()) {
                values.add(yamlText(item));
            }
            return new ParamSpace.Choices(values);
        }
        if (node.kind() == YamlNode.Kind.MAP) {
            if (strategy != SweepSpec.Strategy.RANDOM) {
                throw node.error("a range {min, max} needs strategy: random; a grid needs a list of values");
            }
            Section range = Section.of(node, RANGE);
            Double min = range.number("min");
            Double max = range.number("max");
            if (min == null || max == null || !(min < max)) {
                throw node.error("a range needs numbers min < max, e.g. {min: 0.001, max: 0.1, log: true}");
            }
            boolean log = bool(range.node("log"));
            if (log && min <= 0) {
                throw range.node("min").error("a log range needs min > 0");
            }
            return new ParamSpace.Range(min, max, log, bool(range.node("int")));
        }
        throw node.error("expected a list of values (or {min, max} for random search), got " + node.describe());
    }

    /** YAML text that reads back as the value written: a quoted string stays a string. */
    static String yamlText(YamlNode node) {
        try {
            return switch (node.kind()) {
                case STRING -> JSON.writeValueAsString(node.scalar());
                case NULL -> "null";
                case MAP, LIST -> JSON.writeValueAsString(plain(node));
                default -> node.scalar();
            };
        } catch (IOException e) {
            throw node.error("cannot be written as a param value: " + e.getMessage());
        }
    }

    private static Object plain(YamlNode node) {
        return switch (node.kind()) {
            case MAP -> {
                Map<String, Object> map = new LinkedHashMap<>();
                node.entries().forEach((key, value) -> map.put(key, plain(value)));
                yield map;
            }
            case LIST -> node.items().stream().map(StudyYaml::plain).toList();
            case INTEGER -> new java.math.BigInteger(node.scalar().replace("_", ""));
            case FLOAT -> Double.valueOf(node.scalar().replace("_", ""));
            case BOOLEAN -> Boolean.valueOf(node.scalar().toLowerCase().matches("true|yes|on|y"));
            case NULL -> null;
            case STRING -> node.scalar();
        };
    }

    private static Objective objective(YamlNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isScalar()) {
            throw node.error("expected {metric: NAME, goal: max|min}, got " + node.describe());
        }
        Section section = Section.of(node, OBJECTIVE);
        String metric = section.string("metric", null);
        if (metric == null || metric.isBlank()) {
            throw node.error("needs 'metric', the metric that decides the best trial");
        }
        String goal = section.choice("goal", List.of("max", "min"), null);
        if (goal == null) {
            throw node.error("needs 'goal': max or min");
        }
        return new Objective(metric, Objective.Goal.valueOf(goal.toUpperCase()));
    }

    private static EarlyStop earlyStop(YamlNode node, Objective objective) {
        if (node == null || node.isNull()) {
            return null;
        }
        Section section = Section.of(node, EARLY_STOP);
        section.choice("rule", List.of("median"), "median");
        return new EarlyStop(section.string("metric", objective.metric()),
                section.nonNegativeInt("minTrials", EarlyStop.DEFAULT_MIN_TRIALS),
                section.nonNegativeInt("minSteps", EarlyStop.DEFAULT_MIN_STEPS));
    }

    private static int positive(Section section, String key, int fallback) {
        int value = section.nonNegativeInt(key, fallback);
        if (value == 0) {
            throw section.node(key).error("must be 1 or more");
        }
        return value;
    }

    private static boolean bool(YamlNode node) {
        if (node == null || node.isNull()) {
            return false;
        }
        if (node.kind() != YamlNode.Kind.BOOLEAN) {
            throw node.error("expected true or false, got " + node.describe());
        }
        return node.scalar().toLowerCase().matches("true|yes|on|y");
    }

    private static long wholeNumber(YamlNode node) {
        if (node.kind() != YamlNode.Kind.INTEGER) {
            throw node.error("expected a whole number, got " + node.describe());
        }
        return Long.parseLong(node.scalar().replace("_", ""));
    }
}
