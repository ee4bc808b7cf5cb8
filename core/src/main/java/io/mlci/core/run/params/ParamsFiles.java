package io.mlci.core.run.params;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.mlci.core.InvalidInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads params files (YAML or JSON, chosen by extension) into flattened, canonical {@link Params}. */
public final class ParamsFiles {

    public static final String DEFAULT_FILE = "params.yaml";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ParamsFiles() {
    }

    /**
     * Reads the declared files; with none declared, {@code params.yaml} if it exists. A declared
     * file that is missing is an error: training without the parameters it expects is not a run
     * anyone wants recorded.
     */
    public static Params load(Path root, List<String> declared) {
        List<String> files = declared;
        if (files.isEmpty()) {
            if (!Files.isRegularFile(root.resolve(DEFAULT_FILE))) {
                return Params.NONE;
            }
            files = List.of(DEFAULT_FILE);
        }
        Map<String, JsonNode> values = new LinkedHashMap<>();
        for (String file : files) {
            flatten("", read(root.resolve(file), file), values);
        }
        return new Params(values, files);
    }

    /** One params file as a tree; the top level must be a mapping. */
    public static JsonNode read(Path path, String name) {
        ObjectMapper mapper = mapperFor(name);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(name, null, "params file does not exist");
        } catch (IOException e) {
            throw new InvalidInputException(name, null, "cannot read params file: " + e.getMessage());
        }
        JsonNode tree;
        try {
            tree = mapper.readTree(bytes);
        } catch (JsonProcessingException e) {
            String line = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
            throw new InvalidInputException(name, null, "is not valid " + (mapper == JSON ? "JSON" : "YAML")
                    + line + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidInputException(name, null, "cannot read params file: " + e.getMessage());
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!tree.isObject()) {
            throw new InvalidInputException(name, null, "params must be a mapping of names to values at the top level");
        }
        return tree;
    }

    static ObjectMapper mapperFor(String name) {
        String lower = name.toLowerCase();
        if (lower.endsWith(".json")) {
            return JSON;
        }
        if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
            return YAML;
        }
        throw new InvalidInputException(name, null, "params files must be YAML (.yaml, .yml) or JSON (.json)");
    }

    private static void flatten(String prefix, JsonNode node, Map<String, JsonNode> into) {
        if (node.isObject() && (prefix.isEmpty() || node.size() > 0)) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                flatten(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), field.getValue(), into);
            }
            return;
        }
        into.put(prefix, canonical(node));
    }

    /**
     * Canonical form of a value: floating-point numbers as doubles (so 0.10 and 0.1 agree),
     * integers as integers (a script may well treat 1 and 1.0 differently), lists element-wise.
     */
    static JsonNode canonical(JsonNode node) {
        if (node.isFloatingPointNumber()) {
            return DoubleNode.valueOf(node.doubleValue());
        }
        if (node.isBigInteger() || node.isLong() || node.isInt() || node.isShort()) {
            return JsonNodeFactory.instance.numberNode(node.bigIntegerValue());
        }
        if (node.isArray()) {
            List<JsonNode> items = new ArrayList<>();
            node.forEach(item -> items.add(canonical(item)));
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            array.addAll(items);
            return array;
        }
        if (node.isObject()) {
            var sorted = JsonNodeFactory.instance.objectNode();
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            names.forEach(n -> sorted.set(n, canonical(node.get(n))));
            return sorted;
        }
        return node;
    }
}
