package io.mlci.core.data.pointer;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.mlci.core.InvalidInputException;
import io.mlci.core.json.ParserLimits;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads YAML pointer files into trees and pulls typed fields out with messages that name them. */
final class YamlDocuments {

    private static final ObjectMapper YAML = ParserLimits.yaml(ParserLimits.DOCUMENT_BYTES);

    private YamlDocuments() {
    }

    static JsonNode read(Path file) {
        if (!Files.exists(file)) {
            throw new InvalidInputException(file, null, "file does not exist");
        }
        byte[] bytes = ParserLimits.read(file, file.toString(), ParserLimits.DOCUMENT_BYTES);
        return parse(bytes, file);
    }

    /** Parses YAML text that claims to come from {@code file}. */
    static JsonNode parse(byte[] bytes, Path file) {
        try {
            JsonNode node = YAML.readTree(bytes);
            return node == null ? MissingNode.getInstance() : node;
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            String line = where == null ? "" : " at line " + where.getLineNr() + ", column " + where.getColumnNr();
            throw new InvalidInputException(file, null, "malformed YAML" + line + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidInputException(file, null, "cannot read: " + e.getMessage());
        }
    }

    static String text(JsonNode node, String name, Path file, String field, boolean required) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            if (required) {
                throw new InvalidInputException(file, field, "is required");
            }
            return null;
        }
        if (!value.isValueNode()) {
            throw new InvalidInputException(file, field, "expected a string, got " + kind(value));
        }
        return value.asText();
    }

    static long number(JsonNode node, String name, Path file, String field, long fallback) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.canConvertToLong() || !value.isIntegralNumber() || value.asLong() < 0) {
            throw new InvalidInputException(file, field, "expected a non-negative integer, got '" + value.asText() + "'");
        }
        return value.asLong();
    }

    static boolean flag(JsonNode node, String name, Path file, String field, boolean fallback) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw new InvalidInputException(file, field, "expected true or false, got '" + value.asText() + "'");
        }
        return value.asBoolean();
    }

    static String kind(JsonNode value) {
        if (value.isObject()) {
            return "a mapping";
        }
        if (value.isArray()) {
            return "a list";
        }
        return "'" + value.asText() + "'";
    }
}
