package io.mlci.core.config;

import io.mlci.core.InvalidInputException;
import io.mlci.core.json.ParserLimits;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads and validates mlci.yaml, the declarative pipeline at the root of an ML repository. */
public final class MlciYaml {

    public static final String FILE_NAME = "mlci.yaml";

    private static final List<String> TOP = List.of("data", "train", "metrics", "gate", "model", "store", "cost",
            "sweep", "ablation", "registry", "evaluate");
    private static final List<String> DATA = List.of("pointers", "remote");
    private static final List<String> TRAIN = List.of("command", "image", "agent", "params", "code", "outputs",
            "checkpoints", "env", "timeout", "retries", "dockerArgs", "gpus", "registry", "registryCredentialsId",
            "pipeline", "nodes");
    private static final List<String> CHECKPOINTS = List.of("path", "interval");
    private static final List<String> METRICS = List.of("files", "predictions");
    private static final List<String> GATE = List.of("baseline", "onMissingBaseline", "onMissingMetric", "rules");
    private static final List<String> MODEL = List.of("name", "deploy");
    private static final List<String> COST = List.of("prices", "pricePerHour", "currency", "spotFraction");
    private static final List<String> REGISTRY = List.of("url");
    private static final List<String> EVALUATE = List.of("trusted", "command", "model", "data", "timeout");

    private MlciYaml() {
    }

    /** The repository's mlci.yaml, or all defaults when there is none. */
    public static MlciConfig load(Path repoRoot) {
        Path file = repoRoot.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return parse("(defaults)", "");
        }
        byte[] bytes = ParserLimits.read(file, FILE_NAME, ParserLimits.CONFIG_BYTES);
        try {
            return parse(FILE_NAME, StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(file, null, "is not UTF-8 text");
        }
    }

    /** Parses mlci.yaml text; {@code name} is used in messages. */
    public static MlciConfig parse(String name, String text) {
        YamlNode root = YamlNode.parse(name, text);
        Section top = Section.of(root, TOP);
        Section data = Section.of(top.node("data"), DATA);
        Section metrics = Section.of(top.node("metrics"), METRICS);
        Section model = Section.of(top.node("model"), MODEL);
        Section.of(top.node("gate"), GATE);
        return new MlciConfig(name,
                new DataConfig(data.strings("pointers", List.of()), data.string("remote", null)),
                train(Section.of(top.node("train"), TRAIN)),
                new MetricsConfig(paths(metrics, "files", MetricsConfig.DEFAULT_FILES),
                        path(metrics, "predictions")),
                top.node("gate"),
                model.string("name", null),
                command(model.node("deploy"), "the command that deploys a promoted version, e.g. './deploy.sh'"),
                top.string("store", null),
                cost(Section.of(top.node("cost"), COST)),
                Section.of(top.node("registry"), REGISTRY).string("url", null),
                evaluate(Section.of(top.node("evaluate"), EVALUATE)));
    }

    private static EvaluateConfig evaluate(Section evaluate) {
        EvaluateConfig config = new EvaluateConfig(evaluate.flag("trusted", false),
                command(evaluate.node("command"), "the command that evaluates the model, e.g. 'python evaluate.py'"),
                paths(evaluate, "model", List.of()), paths(evaluate, "data", List.of()),
                evaluate.duration("timeout", EvaluateConfig.DEFAULT_TIMEOUT));
        if (config.trusted() && config.command() == null) {
            throw evaluate.node("trusted").error("is true but evaluate.command is missing: give the command that evaluates "
                    + "a pull request's model with this branch's code, e.g. 'python evaluate.py'");
        }
        return config;
    }

    private static CostConfig cost(Section cost) {
        java.util.Map<String, Double> prices = new java.util.LinkedHashMap<>();
        YamlNode table = cost.node("prices");
        if (table != null) {
            if (table.kind() != YamlNode.Kind.MAP) {
                throw table.error("expected a mapping of instance type to price per hour, e.g. 'g5.xlarge: 1.006', got "
                        + table.describe());
            }
            Section byType = Section.of(table, List.copyOf(table.entries().keySet()));
            for (String type : table.entries().keySet()) {
                prices.put(type, price(byType, type));
            }
        }
        String currency = cost.string("currency", CostConfig.DEFAULT_CURRENCY);
        if (!currency.matches("[A-Z]{3}")) {
            throw cost.node("currency").error("expected a three-letter currency code such as USD or EUR, got '" + currency + "'");
        }
        Double fraction = cost.number("spotFraction");
        if (fraction != null && (fraction <= 0 || fraction > 1)) {
            throw cost.node("spotFraction").error("expected a share of the on-demand price above 0 and at most 1, e.g. 0.4");
        }
        return new CostConfig(prices, cost.has("pricePerHour") ? price(cost, "pricePerHour") : null, currency, fraction);
    }

    /** A price per hour: a finite number of 0 or more. */
    private static double price(Section section, String key) {
        double value = section.number(key);
        if (value < 0 || !Double.isFinite(value)) {
            throw section.node(key).error("expected a price per hour of 0 or more, got " + section.node(key).describe());
        }
        return value;
    }

    private static TrainConfig train(Section train) {
        return new TrainConfig(command(train.node("command"), "the command that trains, e.g. 'python train.py'"), train.string("image", null),
                train.string("agent", TrainConfig.DEFAULT_AGENT),
                paths(train, "params", List.of()), paths(train, "code", TrainConfig.DEFAULT_CODE),
                paths(train, "outputs", List.of()), checkpoints(train.node("checkpoints")),
                train.stringMap("env"), train.duration("timeout", null), train.nonNegativeInt("retries", 0),
                train.strings("dockerArgs", List.of()), gpus(train.node("gpus")), train.string("registry", null),
                train.string("registryCredentialsId", null), pipeline(train),
                train.boundedInt("nodes", 1, TrainConfig.MAX_NODES, 1));
    }

    private static GpuRequest gpus(YamlNode node) {
        if (node == null) {
            return GpuRequest.REQUIRED;
        }
        return (node.isScalar() ? GpuRequest.parse(node.scalar()) : java.util.Optional.<GpuRequest>empty())
                .orElseThrow(() -> node.error("expected true (GPUs needed), optional (CPU fallback with a warning) or false, got "
                        + node.describe()));
    }

    /** {@code train.pipeline}: {@code dvc} runs dvc.yaml's stages, {@code command} the training command. */
    private static String pipeline(Section train) {
        String value = train.string("pipeline", null);
        if (value != null && !value.equals(TrainConfig.PIPELINE_DVC) && !value.equals(TrainConfig.PIPELINE_COMMAND)) {
            throw train.node("pipeline").error("expected 'dvc' (run dvc.yaml's stages with mlci repro) or 'command'"
                    + " (run train.command), got '" + value + "'");
        }
        return value;
    }

    /** @param what what the command is for, for the message when it is empty */
    private static TrainingCommand command(YamlNode node, String what) {
        if (node == null) {
            return null;
        }
        if (node.isScalar()) {
            if (node.scalar().isBlank()) {
                throw node.error("is empty; give " + what);
            }
            return TrainingCommand.shell(node.scalar());
        }
        if (node.kind() == YamlNode.Kind.LIST && !node.items().isEmpty()) {
            List<String> argv = node.items().stream().map(item -> {
                if (!item.isScalar() || item.isNull()) {
                    throw item.error("expected a string, got " + item.describe());
                }
                return item.scalar();
            }).toList();
            return TrainingCommand.argv(argv);
        }
        throw node.error("expected a shell command line or a non-empty list of arguments, got " + node.describe());
    }

    private static CheckpointConfig checkpoints(YamlNode node) {
        if (node == null) {
            return null;
        }
        if (node.isScalar()) {
            return new CheckpointConfig(checkedPath(node), CheckpointConfig.DEFAULT_INTERVAL);
        }
        Section section = Section.of(node, CHECKPOINTS);
        YamlNode path = section.node("path");
        if (path == null) {
            throw node.error("needs 'path', the directory the training writes checkpoints into");
        }
        return new CheckpointConfig(checkedPath(path), section.duration("interval", CheckpointConfig.DEFAULT_INTERVAL));
    }

    private static String path(Section section, String key) {
        YamlNode node = section.node(key);
        return node == null ? null : checkedPath(node);
    }

    private static List<String> paths(Section section, String key, List<String> fallback) {
        YamlNode node = section.node(key);
        if (node == null) {
            return fallback;
        }
        List<String> values = section.strings(key, fallback);
        List<YamlNode> nodes = node.kind() == YamlNode.Kind.LIST ? node.items() : List.of(node);
        for (int i = 0; i < values.size(); i++) {
            checkedPath(nodes.get(i));
        }
        return values;
    }

    /** A path inside the repository, relative, with no way out of it. */
    private static String checkedPath(YamlNode node) {
        if (!node.isScalar() || node.isNull() || node.scalar().isBlank()) {
            throw node.error("expected a path relative to the repository, got " + node.describe());
        }
        String value = node.scalar();
        if (value.startsWith("/") || value.matches("^[A-Za-z]:[\\\\/].*")) {
            throw node.error("'" + value + "' is absolute; paths are relative to the repository root");
        }
        for (String part : value.split("[/\\\\]")) {
            if (part.equals("..")) {
                throw node.error("'" + value + "' leads out of the repository");
            }
        }
        return value;
    }
}
