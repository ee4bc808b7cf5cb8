package io.mlci.core.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DVC's {@code ${...}} templating. A string that is exactly one {@code ${expr}} takes the value
 * itself (a number stays a number); inside a longer string each value is spelt as Python would.
 * {@code expr} is a dotted path with optional list indices ({@code models[0].name}); a mapping
 * may only be interpolated into {@code cmd}, where it becomes {@code --key value} arguments, and
 * lists and mappings only into {@code foreach}/{@code matrix}. {@code \${} stays literal.
 */
final class Interpolation {

    private static final Pattern EXPRESSION = Pattern.compile("(?<!\\\\)\\$\\{(.*?)}");
    private static final Pattern PATH = Pattern.compile("[^.\\[\\]]+((\\.[^.\\[\\]]+)|(\\[[^.\\[\\]]+]))*");

    /** A template that cannot be resolved; the caller adds the file and field. */
    static final class Problem extends io.mlci.core.MlciException {
        Problem(String message) {
            super(message);
        }
    }

    private final ObjectNode context;

    Interpolation(ObjectNode context) {
        this.context = context;
    }

    static boolean containsExpression(JsonNode node) {
        if (node.isTextual()) {
            return EXPRESSION.matcher(node.textValue()).find();
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (EXPRESSION.matcher(field.getKey()).find() || containsExpression(field.getValue())) {
                return true;
            }
        }
        for (JsonNode item : node) {
            if (!node.isObject() && containsExpression(item)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Resolves every string (mapping keys included) of a tree.
     *
     * @param key the stage field the tree belongs to ({@code cmd}, {@code outs}...); null where
     *            any value may be taken (foreach and matrix data, top-level sections)
     */
    JsonNode resolve(JsonNode node, String key) {
        if (node.isTextual()) {
            return resolveString(node.textValue(), key);
        }
        if (node.isObject()) {
            ObjectNode resolved = JsonNodeFactory.instance.objectNode();
            node.fields().forEachRemaining(field -> {
                JsonNode name = resolveString(field.getKey(), key);
                resolved.set(name.isTextual() ? name.textValue() : PythonText.scalar(name), resolve(field.getValue(), key));
            });
            return resolved;
        }
        if (node.isArray()) {
            ArrayNode resolved = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> resolved.add(resolve(item, key)));
            return resolved;
        }
        return node;
    }

    JsonNode resolveString(String template, String key) {
        Matcher matcher = EXPRESSION.matcher(template);
        if (!matcher.find()) {
            return TextNode.valueOf(template);
        }
        if (matcher.start() == 0 && matcher.end() == template.length() && !matcher.find()) {
            matcher.reset().find();
            JsonNode value = select(matcher.group(1));
            check(value, key);
            return value;
        }
        matcher.reset();
        StringBuilder text = new StringBuilder();
        int at = 0;
        while (matcher.find()) {
            JsonNode value = select(matcher.group(1));
            check(value, key);
            text.append(template, at, matcher.start()).append(value.isObject() ? unpack(value) : PythonText.scalar(value));
            at = matcher.end();
        }
        text.append(template.substring(at));
        return TextNode.valueOf(text.toString().replace("\\${", "${"));
    }

    private static String unpack(JsonNode mapping) {
        try {
            return PythonText.unpack(mapping);
        } catch (IllegalArgumentException e) {
            throw new Problem(e.getMessage());
        }
    }

    private static void check(JsonNode value, String key) {
        boolean composite = value.isContainerNode();
        if (composite && key != null && !key.contains("foreach") && !(value.isObject() && key.equals("cmd"))) {
            throw new Problem("cannot interpolate data of type '" + (value.isObject() ? "dict" : "list") + "'"
                    + (value.isObject() ? " outside 'cmd'" : ""));
        }
    }

    /** Looks up {@code a.b[0].c}; names what is missing. */
    JsonNode select(String expression) {
        if (!PATH.matcher(expression).matches()) {
            throw new Problem("'${" + expression + "}' is not a valid expression: expected names separated by '.'"
                    + " and list indices in []");
        }
        String normalized = expression.replace("[", ".").replace("]", "");
        JsonNode current = context;
        String walked = "";
        for (String part : normalized.split("\\.")) {
            String name = part.strip();
            JsonNode next;
            if (current.isObject()) {
                next = current.get(name);
            } else if (current.isArray()) {
                next = element(current, name);
            } else {
                throw new Problem("could not find '" + expression + "': '" + walked + "' is a plain value, cannot get '"
                        + name + "'");
            }
            if (next == null || next.isMissingNode()) {
                throw new Problem("could not find '" + expression + "'");
            }
            walked = walked.isEmpty() ? name : walked + "." + name;
            current = next;
        }
        return current;
    }

    private static JsonNode element(JsonNode list, String index) {
        try {
            int i = Integer.parseInt(index);
            int at = i < 0 ? list.size() + i : i;
            return at >= 0 && at < list.size() ? list.get(at) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
