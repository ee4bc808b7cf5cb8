package io.mlci.core.run.params;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.mlci.core.InvalidInputException;
import io.mlci.core.json.ParserLimits;
import io.mlci.core.json.StructuredFiles;
import io.mlci.core.storage.AtomicFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Applies {@code name=value} overrides ({@code mlci runs rerun --set train.lr=0.01}) to the params
 * files of a checkout, as {@code dvc exp run -S} does: the value is read as YAML (so {@code 0.01}
 * is a number and {@code true} a boolean), and the file that defines the name is rewritten.
 * Names that no params file defines are refused, since a typo would otherwise change nothing.
 */
public final class ParamsOverride {

    private static final ObjectMapper YAML_VALUE = ParserLimits.yaml(ParserLimits.CONFIG_BYTES);
    private static final ObjectMapper YAML_OUT = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
    private static final ObjectMapper JSON_OUT = new ObjectMapper();

    private ParamsOverride() {
    }

    /** Parses {@code name=value}; the value may be empty but the '=' is required. */
    public static Map.Entry<String, String> parse(String assignment) {
        int eq = assignment.indexOf('=');
        if (eq <= 0) {
            throw new InvalidInputException("--set", null, "'" + assignment + "' is not NAME=VALUE, e.g. train.lr=0.01");
        }
        return Map.entry(assignment.substring(0, eq).trim(), assignment.substring(eq + 1));
    }

    public static void apply(Path root, List<String> declaredFiles, Map<String, String> overrides) {
        if (overrides.isEmpty()) {
            return;
        }
        Params current = ParamsFiles.load(root, declaredFiles);
        for (Map.Entry<String, String> override : overrides.entrySet()) {
            if (!current.values().containsKey(override.getKey())) {
                throw new InvalidInputException("--set", override.getKey(), "is not a param of this run; known params: "
                        + String.join(", ", current.values().keySet()));
            }
        }
        for (String file : current.files()) {
            Path path = root.resolve(file);
            ObjectNode tree = (ObjectNode) StructuredFiles.readMapping(path, file, "params file");
            boolean changed = false;
            for (Map.Entry<String, String> override : overrides.entrySet()) {
                changed |= set(tree, override.getKey(), value(override.getValue()));
            }
            if (changed) {
                write(path, file, tree);
            }
        }
    }

    private static JsonNode value(String text) {
        try {
            JsonNode node = YAML_VALUE.readTree(text.isEmpty() ? "''" : text);
            return node == null ? YAML_VALUE.getNodeFactory().textNode(text) : node;
        } catch (IOException e) {
            return YAML_VALUE.getNodeFactory().textNode(text);
        }
    }

    /** Sets a dotted name where the file defines it; the longest defined prefix wins, as flattening reads it. */
    private static boolean set(ObjectNode tree, String dotted, JsonNode value) {
        if (tree.has(dotted)) {
            tree.set(dotted, value);
            return true;
        }
        int dot = dotted.indexOf('.');
        while (dot > 0) {
            JsonNode child = tree.get(dotted.substring(0, dot));
            if (child instanceof ObjectNode object && set(object, dotted.substring(dot + 1), value)) {
                return true;
            }
            dot = dotted.indexOf('.', dot + 1);
        }
        return false;
    }

    private static void write(Path path, String name, ObjectNode tree) {
        try {
            ObjectMapper mapper = StructuredFiles.isJson(name) ? JSON_OUT
                    : StructuredFiles.isToml(name) ? new com.fasterxml.jackson.dataformat.toml.TomlMapper() : YAML_OUT;
            AtomicFiles.write(path, mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(tree));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite " + path, e);
        }
    }
}
