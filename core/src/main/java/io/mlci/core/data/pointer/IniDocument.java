package io.mlci.core.data.pointer;

import io.mlci.core.InvalidInputException;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The INI dialect DVC's config files use (ConfigObj): {@code [section]} headers, possibly quoted
 * as {@code ['remote "name"']}, indented {@code key = value} lines, {@code #} comments, values
 * optionally quoted. Order is kept so a rewritten file stays familiar to its owner.
 */
public final class IniDocument {

    private final Map<String, Map<String, String>> sections = new LinkedHashMap<>();

    public static IniDocument parse(String text, Path source) {
        IniDocument doc = new IniDocument();
        Map<String, String> current = null;
        String currentName = null;
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            int lineNo = i + 1;
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[")) {
                if (!line.endsWith("]") || line.startsWith("[[")) {
                    throw new InvalidInputException(source, "line " + lineNo,
                            "malformed section header '" + line + "'; expected [name] or ['remote \"name\"']");
                }
                currentName = unquote(line.substring(1, line.length() - 1).strip());
                current = doc.sections.computeIfAbsent(currentName, k -> new LinkedHashMap<>());
                continue;
            }
            int equals = line.indexOf('=');
            if (equals <= 0) {
                throw new InvalidInputException(source, "line " + lineNo, "expected 'key = value', got '" + line + "'");
            }
            if (current == null) {
                throw new InvalidInputException(source, "line " + lineNo, "'" + line + "' appears before any [section]");
            }
            String key = line.substring(0, equals).strip();
            current.put(key, value(line.substring(equals + 1).strip()));
        }
        return doc;
    }

    private static String value(String raw) {
        if (raw.length() >= 2 && (raw.charAt(0) == '"' || raw.charAt(0) == '\'')) {
            int end = raw.indexOf(raw.charAt(0), 1);
            if (end > 0) {
                return raw.substring(1, end);
            }
        }
        int comment = raw.indexOf(" #");
        return comment >= 0 ? raw.substring(0, comment).strip() : raw;
    }

    private static String unquote(String name) {
        if (name.length() >= 2 && (name.charAt(0) == '\'' || name.charAt(0) == '"')
                && name.charAt(name.length() - 1) == name.charAt(0)) {
            return name.substring(1, name.length() - 1);
        }
        return name;
    }

    public Map<String, Map<String, String>> sections() {
        return sections;
    }

    public Map<String, String> section(String name) {
        return sections.getOrDefault(name, Map.of());
    }

    public void set(String section, String key, String value) {
        sections.computeIfAbsent(section, k -> new LinkedHashMap<>()).put(key, value);
    }

    /** Removes a key; a section left empty goes too. Returns whether the key was there. */
    public boolean remove(String section, String key) {
        Map<String, String> values = sections.get(section);
        if (values == null || values.remove(key) == null) {
            return false;
        }
        if (values.isEmpty()) {
            sections.remove(section);
        }
        return true;
    }

    /** Removes a whole section; returns whether it was there. */
    public boolean removeSection(String section) {
        return sections.remove(section) != null;
    }

    /** Serialises as DVC does: quoted headers for names with spaces, four-space indentation. */
    public String render() {
        StringBuilder out = new StringBuilder();
        sections.forEach((name, values) -> {
            out.append('[').append(name.contains(" ") ? "'" + name + "'" : name).append("]\n");
            values.forEach((key, value) -> out.append("    ").append(key).append(" = ").append(value).append('\n'));
        });
        return out.toString();
    }
}
