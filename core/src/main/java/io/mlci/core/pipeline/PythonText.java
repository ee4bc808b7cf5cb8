package io.mlci.core.pipeline;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Values as DVC turns them into text: Python's {@code str()} of what the YAML loader produced
 * (so {@code 1e-05}, {@code 1.0}, {@code True} stays {@code true} as DVC prints it), and a
 * mapping inside {@code cmd} unpacked into {@code --key value} arguments, strings shell-quoted.
 * Stage names ({@code sweep@0.1-3}) and commands depend on these exact spellings.
 */
final class PythonText {

    private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private PythonText() {
    }

    /** Python's {@code str()} of a scalar, with booleans spelt as DVC spells them. */
    static String scalar(JsonNode value) {
        if (value == null || value.isNull()) {
            return "None";
        }
        if (value.isBoolean()) {
            return value.booleanValue() ? "true" : "false";
        }
        if (value.isIntegralNumber()) {
            return value.bigIntegerValue().toString();
        }
        if (value.isFloatingPointNumber()) {
            return floatRepr(value.doubleValue());
        }
        return value.asText();
    }

    /** Python's {@code repr(float)}: the shortest round-tripping digits, exponent outside [1e-4, 1e16). */
    static String floatRepr(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == 0) {
            return (1 / value < 0) ? "-0.0" : "0.0";
        }
        BigDecimal exact = new BigDecimal(Double.toString(value)).stripTrailingZeros();
        String digits = exact.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - exact.scale();
        String sign = value < 0 ? "-" : "";
        if (exponent < -4 || exponent >= 16) {
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + (Math.abs(exponent) < 10 ? "0" : "")
                    + Math.abs(exponent);
        }
        String plain = exact.abs().toPlainString();
        return sign + (plain.contains(".") ? plain : plain + ".0");
    }

    /** Python's {@code shlex.quote}. */
    static String shellQuote(String text) {
        if (text.isEmpty()) {
            return "''";
        }
        if (SHELL_SAFE.matcher(text).matches()) {
            return text;
        }
        return "'" + text.replace("'", "'\"'\"'") + "'";
    }

    /**
     * A mapping interpolated into {@code cmd}: nested keys joined with dots; true becomes a bare
     * flag and false disappears, a list becomes one flag followed by its items.
     */
    static String unpack(JsonNode mapping) {
        Map<String, JsonNode> flat = new LinkedHashMap<>();
        flatten("", mapping, flat);
        StringBuilder args = new StringBuilder();
        for (Map.Entry<String, JsonNode> entry : flat.entrySet()) {
            String key = entry.getKey();
            JsonNode value = entry.getValue();
            if (value.isBoolean()) {
                if (value.booleanValue()) {
                    args.append("--").append(key).append(' ');
                }
            } else if (value.isTextual()) {
                args.append("--").append(key).append(' ').append(shellQuote(value.textValue())).append(' ');
            } else if (value.isArray()) {
                for (int i = 0; i < value.size(); i++) {
                    JsonNode item = value.get(i);
                    if (item.isContainerNode()) {
                        throw new IllegalArgumentException("cannot interpolate nested iterable in '" + key + "'");
                    }
                    String text = item.isTextual() ? shellQuote(item.textValue())
                            : item.isBoolean() ? (item.booleanValue() ? "True" : "False") : scalar(item);
                    args.append(i == 0 ? "--" + key + " " : "").append(text).append(' ');
                }
            } else {
                args.append("--").append(key).append(' ').append(scalar(value)).append(' ');
            }
        }
        return args.toString().stripTrailing();
    }

    private static void flatten(String prefix, JsonNode node, Map<String, JsonNode> into) {
        if (node.isObject() && (prefix.isEmpty() || node.size() > 0)) {
            node.fields().forEachRemaining(field ->
                    flatten(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), field.getValue(), into));
            return;
        }
        into.put(prefix, node);
    }
}
