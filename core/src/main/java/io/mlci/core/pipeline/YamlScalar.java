package io.mlci.core.pipeline;

import java.util.regex.Pattern;

/**
 * How DVC's YAML writer (ruamel, YAML 1.2, block style) spells a string: plain when YAML allows
 * it and it reads back as the same string, else single-quoted, else double-quoted with escapes.
 * Numbers follow Python's {@code repr} with ruamel's {@code .0} before a bare exponent.
 */
final class YamlScalar {

    private static final Pattern RESOLVES_TO_OTHER_TYPE = Pattern.compile(String.join("|",
            "true|True|TRUE|false|False|FALSE",
            "null|Null|NULL|~",
            "[-+]?[0-9][0-9_]*(\\.[0-9_]*)?([eE][-+]?[0-9]+)?",
            "[-+]?\\.[0-9_]+([eE][-+]?[0-9]+)?",
            "0o[0-7_]+|0x[0-9a-fA-F_]+|[-+]?0b[01_]+",
            "[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)",
            "[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ].*)?",
            "<<|="));
    private static final String FIRST_INDICATORS = "#,[]{}&*!|>'\"%@`";

    private YamlScalar() {
    }

    static String string(String value) {
        if (isPlain(value)) {
            return value;
        }
        if (value.chars().allMatch(YamlScalar::printable)) {
            return "'" + value.replace("'", "''") + "'";
        }
        return doubleQuoted(value);
    }

    static String floating(double value) {
        if (Double.isNaN(value)) {
            return ".nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? ".inf" : "-.inf";
        }
        String repr = PythonText.floatRepr(value);
        return !repr.contains(".") && repr.contains("e") ? repr.replaceFirst("e", ".0e") : repr;
    }

    static boolean isPlain(String value) {
        if (value.isEmpty() || value.startsWith("---") || value.startsWith("...")
                || value.startsWith(" ") || value.endsWith(" ") || RESOLVES_TO_OTHER_TYPE.matcher(value).matches()) {
            return false;
        }
        char first = value.charAt(0);
        boolean followedBySpace = value.length() == 1 || value.charAt(1) == ' ';
        if (FIRST_INDICATORS.indexOf(first) >= 0 || ("?:-".indexOf(first) >= 0 && followedBySpace)) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (!printable(ch) || ch == '\n' || ch == '\r') {
                return false;
            }
            boolean last = i == value.length() - 1;
            if (ch == ':' && (last || value.charAt(i + 1) == ' ')) {
                return false;
            }
            if (ch == '#' && i > 0 && value.charAt(i - 1) == ' ') {
                return false;
            }
        }
        return true;
    }

    private static boolean printable(int ch) {
        return ch == 0x09 || (ch >= 0x20 && ch <= 0x7E) || ch == 0x85 || (ch >= 0xA0 && ch <= 0xD7FF)
                || (ch >= 0xE000 && ch <= 0xFFFD && ch != 0xFEFF) || Character.isSurrogate((char) ch);
    }

    private static String doubleQuoted(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            switch (ch) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                case 0 -> out.append("\\0");
                default -> {
                    if (printable(ch)) {
                        out.append(ch);
                    } else {
                        out.append(String.format("\\x%02X", (int) ch));
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
