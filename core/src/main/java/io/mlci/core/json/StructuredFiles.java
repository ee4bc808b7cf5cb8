package io.mlci.core.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.mlci.core.InvalidInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads the small structured files training code writes and reads — params and metrics — as
 * YAML, JSON or TOML chosen by extension. JSON may contain {@code NaN} and {@code Infinity}: Python's
 * json module writes them, and a metric that went NaN must reach the gate, not crash the reader.
 */
public final class StructuredFiles {

    private static final ObjectMapper JSON = ParserLimits.json();
    private static final ObjectMapper YAML = ParserLimits.yaml(ParserLimits.DOCUMENT_BYTES);
    private static final ObjectMapper TOML = com.fasterxml.jackson.dataformat.toml.TomlMapper.builder(
            com.fasterxml.jackson.dataformat.toml.TomlFactory.builder()
                    .streamReadConstraints(ParserLimits.constraints(ParserLimits.DOCUMENT_BYTES)).build()).build();

    private StructuredFiles() {
    }

    /**
     * The file as a tree whose top level is a mapping (empty file = empty mapping).
     *
     * @param what what the file is, for messages ("params file", "metrics file")
     */
    public static JsonNode readMapping(Path path, String name, String what) {
        ObjectMapper mapper = mapperFor(name, what);
        if (!Files.exists(path)) {
            throw new InvalidInputException(name, null, what + " does not exist");
        }
        byte[] bytes = ParserLimits.read(path, name, ParserLimits.DOCUMENT_BYTES);
        JsonNode tree;
        try {
            tree = mapper.readTree(bytes);
        } catch (JsonProcessingException e) {
            String line = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
            throw new InvalidInputException(name, null, "is not valid " + formatName(mapper)
                    + line + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidInputException(name, null, "cannot read " + what + ": " + e.getMessage());
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!tree.isObject()) {
            throw new InvalidInputException(name, null, what + " must be a mapping of names to values at the top level");
        }
        return tree;
    }

    private static String formatName(ObjectMapper mapper) {
        return mapper == JSON ? "JSON" : mapper == TOML ? "TOML" : "YAML";
    }

    public static boolean isJson(String name) {
        return name.toLowerCase().endsWith(".json");
    }

    public static boolean isToml(String name) {
        return name.toLowerCase().endsWith(".toml");
    }

    static ObjectMapper mapperFor(String name, String what) {
        String lower = name.toLowerCase();
        if (lower.endsWith(".json")) {
            return JSON;
        }
        if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
            return YAML;
        }
        if (lower.endsWith(".toml")) {
            return TOML;
        }
        throw new InvalidInputException(name, null, what + "s must be YAML (.yaml, .yml), JSON (.json) or TOML (.toml)");
    }
}
