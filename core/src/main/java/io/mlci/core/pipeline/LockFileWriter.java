package io.mlci.core.pipeline;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * Writes {@code dvc.lock} as DVC 3 does: {@code schema: '2.0'}, then each stage with {@code cmd},
 * {@code deps}, {@code params}, {@code outs} (only those present); each path with {@code path},
 * {@code hash: md5}, {@code md5}, {@code size}, {@code nfiles}, {@code isexec}; block style,
 * sequences flush under their key, long plain strings folded past column 80 as ruamel folds them.
 * Deps and outs are sorted by path, params files with params.yaml first, keys sorted.
 */
public final class LockFileWriter {

    private static final int WIDTH = 80;

    private final StringBuilder yaml = new StringBuilder();

    private LockFileWriter() {
    }

    public static String write(List<LockEntry> entries) {
        LockFileWriter writer = new LockFileWriter();
        writer.yaml.append("schema: '2.0'\n");
        writer.yaml.append("stages:\n");
        for (LockEntry entry : entries) {
            writer.entry(entry);
        }
        return writer.yaml.toString();
    }

    private void entry(LockEntry entry) {
        key(2, entry.name());
        if (entry.cmdIsList()) {
            key(4, "cmd");
            for (String command : entry.cmd()) {
                yaml.append("    - ");
                scalar(command, 6, 6);
            }
        } else {
            key(4, "cmd", entry.cmd().get(0));
        }
        paths("deps", entry.deps());
        if (!entry.params().isEmpty()) {
            key(4, "params");
            entry.params().forEach((file, values) -> {
                key(6, file);
                values.forEach((name, value) -> value(8, name, value));
            });
        }
        paths("outs", entry.outs());
    }

    private void paths(String section, List<LockEntry.LockedPath> paths) {
        if (paths.isEmpty()) {
            return;
        }
        key(4, section);
        for (LockEntry.LockedPath path : paths) {
            yaml.append("    - path: ");
            scalar(path.path(), 12, 8);
            if (!path.legacy()) {
                key(6, "hash", "md5");
            }
            key(6, "md5", path.md5());
            yaml.append("      size: ").append(path.size()).append('\n');
            if (path.isDirectory() && path.nfiles() >= 0) {
                yaml.append("      nfiles: ").append(path.nfiles()).append('\n');
            }
            if (path.isexec()) {
                yaml.append("      isexec: true\n");
            }
        }
    }

    private void value(int indent, String name, JsonNode value) {
        if (value.isObject() && !value.isEmpty()) {
            key(indent, name);
            value.fields().forEachRemaining(field -> value(indent + 2, field.getKey(), field.getValue()));
        } else if (value.isArray() && !value.isEmpty()) {
            key(indent, name);
            for (JsonNode item : value) {
                item(indent, item);
            }
        } else {
            String text = inline(value);
            yaml.append(" ".repeat(indent)).append(YamlScalar.string(name)).append(':');
            if (text == null) {
                scalar(value.asText(), indent + YamlScalar.string(name).length() + 2, indent + 2, true);
            } else {
                yaml.append(text.isEmpty() ? "" : " " + text).append('\n');
            }
        }
    }

    private void item(int indent, JsonNode item) {
        if (item.isObject() && !item.isEmpty()) {
            boolean first = true;
            for (Map.Entry<String, JsonNode> field : DvcYamlReader.iterable(item)) {
                int before = yaml.length();
                value(indent + 2, field.getKey(), field.getValue());
                if (first) {
                    yaml.replace(before, before + indent + 2, " ".repeat(indent) + "- ");
                    first = false;
                }
            }
        } else if (item.isArray() && !item.isEmpty()) {
            yaml.append(" ".repeat(indent)).append("-");
            boolean first = true;
            for (JsonNode inner : item) {
                int before = yaml.length();
                item(indent + 2, inner);
                if (first) {
                    yaml.replace(before, before + indent + 2, " ");
                    first = false;
                }
            }
        } else {
            String text = inline(item);
            yaml.append(" ".repeat(indent)).append("- ");
            if (text == null) {
                scalar(item.asText(), indent + 2, indent + 2);
            } else {
                yaml.append(text).append('\n');
            }
        }
    }

    /** The spelling of a non-string scalar or an empty collection; null for a string. */
    private static String inline(JsonNode value) {
        if (value.isTextual()) {
            return null;
        }
        if (value.isNull()) {
            return "";
        }
        if (value.isBoolean()) {
            return value.booleanValue() ? "true" : "false";
        }
        if (value.isIntegralNumber()) {
            return value.bigIntegerValue().toString();
        }
        if (value.isNumber()) {
            return YamlScalar.floating(value.doubleValue());
        }
        if (value.isArray()) {
            return "[]";
        }
        return "{}";
    }

    private void key(int indent, String name) {
        yaml.append(" ".repeat(indent)).append(YamlScalar.string(name)).append(":\n");
    }

    private void key(int indent, String name, String text) {
        String spelt = YamlScalar.string(name);
        yaml.append(" ".repeat(indent)).append(spelt).append(": ");
        scalar(text, indent + spelt.length() + 2, indent + 2);
    }

    private void scalar(String text, int column, int continuation) {
        scalar(text, column, continuation, false);
    }

    /** Writes a string value and its line end, folding at single spaces once past the width. */
    private void scalar(String text, int column, int continuation, boolean spaceFirst) {
        if (spaceFirst) {
            yaml.append(' ');
        }
        String spelt = YamlScalar.string(text);
        if (spelt.startsWith("\"")) {
            yaml.append(spelt).append('\n');
            return;
        }
        int col = column;
        for (int i = 0; i < spelt.length(); i++) {
            char ch = spelt.charAt(i);
            boolean singleSpace = ch == ' ' && i > 0 && spelt.charAt(i - 1) != ' ' && i + 1 < spelt.length()
                    && spelt.charAt(i + 1) != ' ';
            if (singleSpace && col > WIDTH) {
                yaml.append('\n').append(" ".repeat(continuation));
                col = continuation;
            } else {
                yaml.append(ch);
                col++;
            }
        }
        yaml.append('\n');
    }
}
