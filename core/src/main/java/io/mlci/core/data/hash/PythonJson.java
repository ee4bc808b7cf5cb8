package io.mlci.core.data.hash;

/**
 * Writes JSON strings the way Python's {@code json.dumps} does with its default
 * {@code ensure_ascii=True}: everything outside printable ASCII is escaped as lower-case
 * {@code \\uXXXX} (UTF-16 units, so non-BMP characters become surrogate pairs), including DEL.
 */
final class PythonJson {

    private PythonJson() {
    }

    static void appendString(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c >= 0x20 && c <= 0x7E) {
                        out.append(c);
                    } else {
                        out.append("\\u");
                        String hex = Integer.toHexString(c);
                        out.append("0".repeat(4 - hex.length())).append(hex);
                    }
                }
            }
        }
        out.append('"');
    }
}
