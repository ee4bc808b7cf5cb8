package io.mlci.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * DVC's flattening of nested params and metrics: {@code {"train": {"lr": 0.1}}} becomes
 * {@code train.lr = 0.1}; lists stay values. Values are put in canonical form on the way.
 */
public final class FlatMaps {

    private FlatMaps() {
    }

    public static void flatten(String prefix, JsonNode node, Map<String, JsonNode> into) {
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
     * Floating-point numbers as doubles (so 0.10 and 0.1 agree), integers as integers (a script
     * may treat 1 and 1.0 differently), NaN and infinities as the strings Python prints for them
     * (JSON has no such numbers, and a record must stay valid JSON), mappings sorted by key.
     */
    public static JsonNode canonical(JsonNode node) {
        if (node.isFloatingPointNumber()) {
            double value = node.doubleValue();
            return Double.isFinite(value) ? DoubleNode.valueOf(value)
                    : TextNode.valueOf(Double.isNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
        }
        if (node.isIntegralNumber()) {
            // the node types Jackson itself reads back, so a stored record equals the one written
            java.math.BigInteger value = node.bigIntegerValue();
            if (value.bitLength() < 32) {
                return JsonNodeFactory.instance.numberNode(value.intValue());
            }
            return value.bitLength() < 64 ? JsonNodeFactory.instance.numberNode(value.longValue())
                    : JsonNodeFactory.instance.numberNode(value);
        }
        if (node.isArray()) {
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> array.add(canonical(item)));
            return array;
        }
        if (node.isObject()) {
            ObjectNode sorted = JsonNodeFactory.instance.objectNode();
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            names.forEach(name -> sorted.set(name, canonical(node.get(name))));
            return sorted;
        }
        return node;
    }
}
