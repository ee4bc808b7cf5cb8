package io.mlci.core.data.hash;

import java.util.Arrays;

/**
 * Writes JSON strings the way Python's {@code json.dumps} does with its default
 * {@code ensure_ascii=True}: everything outside printable ASCII is escaped as lower-case
 * {@code \\uXXXX} (UTF-16 units, so non-BMP characters become surrogate pairs), including DEL.
 * The output is ASCII by construction, so it is built as bytes: a {@code .dir} listing of a large
 * tree is megabytes, and going through a {@code String} would copy it twice more.
 */
final class PythonJson {

    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** A growable ASCII byte buffer. */
    static final class Ascii {
        private byte[] bytes;
        private int length;

        Ascii(int capacity) {
            bytes = new byte[Math.max(16, capacity)];
        }

        Ascii append(char c) {
            ensure(1);
            bytes[length++] = (byte) c;
            return this;
        }

        /** Appends text known to be printable ASCII without escapes (the literals of the format). */
        Ascii appendLiteral(String ascii) {
            ensure(ascii.length());
            for (int i = 0; i < ascii.length(); i++) {
                bytes[length++] = (byte) ascii.charAt(i);
            }
            return this;
        }

        /** Appends a JSON string, quoted and escaped as Python writes it. */
        Ascii appendString(String value) {
            // the common relpath is plain ASCII: one capacity check for the whole string
            ensure(value.length() + 2);
            bytes[length++] = '"';
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c >= 0x20 && c <= 0x7E && c != '"' && c != '\\') {
                    bytes[length++] = (byte) c;
                } else {
                    appendEscaped(c);
                    ensure(value.length() - i + 1);
                }
            }
            bytes[length++] = '"';
            return this;
        }

        private void appendEscaped(char c) {
            switch (c) {
                case '"' -> appendLiteral("\\\"");
                case '\\' -> appendLiteral("\\\\");
                case '\n' -> appendLiteral("\\n");
                case '\r' -> appendLiteral("\\r");
                case '\t' -> appendLiteral("\\t");
                case '\b' -> appendLiteral("\\b");
                case '\f' -> appendLiteral("\\f");
                default -> {
                    ensure(6);
                    bytes[length++] = '\\';
                    bytes[length++] = 'u';
                    for (int shift = 12; shift >= 0; shift -= 4) {
                        bytes[length++] = HEX[(c >>> shift) & 0xF];
                    }
                }
            }
        }

        private void ensure(int more) {
            if (length + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
            }
        }

        byte[] toByteArray() {
            return length == bytes.length ? bytes : Arrays.copyOf(bytes, length);
        }
    }

    private PythonJson() {
    }
}
