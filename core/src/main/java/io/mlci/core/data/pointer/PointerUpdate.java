package io.mlci.core.data.pointer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlci.core.InvalidInputException;
import io.mlci.core.data.hash.HashAlgorithm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts a new hash into an existing {@code .dvc} file the way {@code dvc add} does when it re-adds
 * a path: only the hash fields of the matching output change ({@code md5}, {@code size},
 * {@code nfiles}, {@code isexec}, {@code hash}). Everything a person wrote — {@code desc},
 * {@code type}, {@code labels}, {@code meta} at either level, a per-output {@code remote}, keys
 * mlci does not know, comments, key order, indentation — stays byte for byte. A hash field the
 * entry lacks is appended at the end of the entry, as DVC appends new keys; one that no longer
 * applies (the {@code nfiles} of a directory that became a file) is removed.
 *
 * <p>The edit works on lines, then the result is parsed again and compared with the intended
 * document; a layout the line editor cannot follow (flow style, a hash field spread over
 * several lines) is refused with the file named rather than rewritten with something lost.
 */
public final class PointerUpdate {

    private static final Pattern OUTS = Pattern.compile("^outs:[ \\t]*(#.*)?$");
    private static final Pattern ITEM = Pattern.compile("^( *)-( +)(.*)$");
    private static final Pattern KEY = Pattern.compile("^([^\\s#'\"\\-][^:#]*?|'[^']*'|\"[^\"]*\"):(?:[ \\t]+(.*))?$");
    private static final List<String> HASH_KEYS = List.of("md5", "size", "nfiles", "isexec", "hash");

    private PointerUpdate() {
    }

    /**
     * The new content of {@code file} with the hash of {@code output} (found by its workspace
     * path) replaced. Refuses an import: its content is defined by the source it was imported
     * from, so adding the path would silently turn it into something else.
     */
    public static String of(Path root, Path file, Output output) {
        int index = requireAddable(root, file, output.workspacePath());
        byte[] bytes = readBytes(file);
        return apply(file, new String(bytes, StandardCharsets.UTF_8), YamlDocuments.parse(bytes, file), index, output);
    }

    /**
     * Checks, before anything is hashed or written, that {@code file} may take a new hash for the
     * path; returns the index of the path's entry in {@code outs}.
     */
    public static int requireAddable(Path root, Path file, String workspacePath) {
        DvcFile existing = DvcFile.read(root, file);
        JsonNode firstDep = YamlDocuments.parse(readBytes(file), file).path("deps").path(0);
        if (firstDep.isObject()) {
            // 'dvc import' (deps with a repo) or 'dvc import-url' (a URL): the source defines the content.
            String source = existing.imports().isEmpty() ? firstDep.path("path").asText("its source")
                    : existing.imports().get(0).repoUrl();
            throw new InvalidInputException(file, "deps", workspacePath + " is imported from " + source
                    + "; use 'dvc update " + RepoPaths.posix(root, file) + "' to change it. Nothing was changed.");
        }
        for (int i = 0; i < existing.outs().size(); i++) {
            if (existing.outs().get(i).workspacePath().equals(workspacePath)) {
                return i;
            }
        }
        throw new InvalidInputException(file, "outs", "does not track " + workspacePath
                + ", but it is where 'dvc add' writes that path's pointer; rename or remove it first");
    }

    private static byte[] readBytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InvalidInputException(file, null, "cannot read: " + e.getMessage());
        }
    }

    /**
     * @param file     the pointer file, for messages
     * @param text     its current content
     * @param document its content as parsed
     * @param index    which entry of {@code outs} tracks the path
     * @param output   the new hash of the path
     * @return the new content
     */
    public static String apply(Path file, String text, JsonNode document, int index, Output output) {
        Map<String, String> wanted = hashFields(output);
        String lineBreak = text.contains("\r\n") ? "\r\n" : "\n";
        List<String> lines = new ArrayList<>(List.of(text.split("\r?\n", -1)));
        List<Entry> entries = entries(lines);
        if (entries.size() != document.path("outs").size() || index >= entries.size()) {
            throw unsupported(file, "its 'outs' list");
        }
        Entry entry = entries.get(index);
        List<String> appended = new ArrayList<>();
        List<int[]> removals = new ArrayList<>();
        for (String key : HASH_KEYS) {
            Key existing = entry.keys.get(key);
            String value = wanted.get(key);
            if (existing == null) {
                if (value != null) {
                    appended.add(" ".repeat(entry.keyColumn) + key + ": " + value);
                }
            } else if (existing.lastLine != existing.line) {
                throw unsupported(file, "field 'outs[" + index + "]." + key + "' (a value over several lines)");
            } else if (value == null) {
                if (existing.line == entry.firstLine) {
                    throw unsupported(file, "field 'outs[" + index + "]." + key + "' (first key of the entry)");
                }
                removals.add(new int[] {existing.line, existing.lastLine});
            } else {
                lines.set(existing.line, replaceValue(lines.get(existing.line), existing.valueStart, value));
            }
        }
        lines.addAll(entry.lastLine + 1, appended);
        removals.sort((a, b) -> Integer.compare(b[0], a[0]));
        for (int[] range : removals) {
            for (int line = range[1]; line >= range[0]; line--) {
                lines.remove(line);
            }
        }
        String updated = String.join(lineBreak, lines);
        requireIntended(file, updated, document, index, wanted);
        return updated;
    }

    /** The hash fields as {@code dvc add} writes them, null for those it leaves out. */
    private static Map<String, String> hashFields(Output output) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("md5", DvcFileWriter.scalar(output.objectId().value()));
        fields.put("size", output.size() >= 0 ? Long.toString(output.size()) : null);
        fields.put("nfiles", output.isDirectory() && output.nfiles() >= 0 ? Long.toString(output.nfiles()) : null);
        fields.put("isexec", output.isexec() ? "true" : null);
        fields.put("hash", output.algorithm() == HashAlgorithm.MD5 ? "md5" : null);
        return fields;
    }

    /** Keeps a trailing comment on the line: {@code size: 6  # bytes}. */
    private static String replaceValue(String line, int valueStart, String value) {
        String rest = line.substring(valueStart);
        int comment = rest.indexOf(" #");
        while (comment > 0 && Character.isWhitespace(rest.charAt(comment - 1))) {
            comment--;
        }
        String trailer = comment >= 0 ? rest.substring(comment) : "";
        String head = line.substring(0, valueStart);
        return head + (head.endsWith(":") ? " " : "") + value + trailer;
    }

    private static void requireIntended(Path file, String updated, JsonNode before, int index, Map<String, String> wanted) {
        JsonNode after;
        try {
            after = YamlDocuments.parse(updated.getBytes(StandardCharsets.UTF_8), file);
        } catch (InvalidInputException e) {
            throw unsupported(file, "its layout");
        }
        ObjectNode expected = before.deepCopy();
        ObjectNode out = (ObjectNode) ((ArrayNode) expected.get("outs")).get(index);
        for (Map.Entry<String, String> field : wanted.entrySet()) {
            if (field.getValue() == null) {
                out.remove(field.getKey());
            } else {
                byte[] snippet = ("value: " + field.getValue()).getBytes(StandardCharsets.UTF_8);
                out.set(field.getKey(), YamlDocuments.parse(snippet, file).get("value"));
            }
        }
        if (!expected.equals(after)) {
            throw unsupported(file, "its layout");
        }
    }

    private static InvalidInputException unsupported(Path file, String what) {
        return new InvalidInputException(file, null, "cannot update the hash in place: mlci does not follow the layout of "
                + what + "; write the outs entry in block style (as 'dvc add' does) and try again. Nothing was changed.");
    }

    /** One key of an outs entry: the line it starts on, the last line of its value, where its value starts. */
    private record Key(int line, int lastLine, int valueStart) {
    }

    private static final class Entry {
        final int firstLine;
        final int keyColumn;
        final Map<String, Key> keys = new LinkedHashMap<>();
        int lastLine;

        Entry(int firstLine, int keyColumn) {
            this.firstLine = firstLine;
            this.keyColumn = keyColumn;
            this.lastLine = firstLine;
        }
    }

    /** The entries of the top-level {@code outs} list and, in each, its top-level keys. */
    private static List<Entry> entries(List<String> lines) {
        List<Entry> entries = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (OUTS.matcher(lines.get(i)).matches()) {
                start = i + 1;
                break;
            }
        }
        if (start < 0) {
            return entries;
        }
        int dashColumn = -1;
        Entry current = null;
        String openKey = null;
        for (int i = start; i < lines.size(); i++) {
            String line = lines.get(i);
            String stripped = line.strip();
            if (stripped.isEmpty() || stripped.startsWith("#")) {
                continue;
            }
            int indent = line.length() - line.stripLeading().length();
            Matcher item = ITEM.matcher(line);
            if (item.matches() && (dashColumn < 0 || indent == dashColumn)) {
                dashColumn = indent;
                current = new Entry(i, indent + 1 + item.group(2).length());
                entries.add(current);
                openKey = addKey(current, i, item.group(3), current.keyColumn);
                continue;
            }
            if (indent <= dashColumn || (indent == 0 && !line.startsWith("-"))) {
                break;
            }
            if (current == null) {
                break;
            }
            current.lastLine = i;
            if (indent == current.keyColumn) {
                openKey = addKey(current, i, line.substring(indent), indent);
            } else if (openKey != null) {
                Key key = current.keys.get(openKey);
                current.keys.put(openKey, new Key(key.line, i, key.valueStart));
            }
        }
        return entries;
    }

    private static String addKey(Entry entry, int line, String content, int column) {
        Matcher key = KEY.matcher(content);
        if (!key.matches()) {
            return null;
        }
        String name = key.group(1);
        int valueStart = key.group(2) == null ? column + content.length() : column + key.start(2);
        entry.keys.put(name, new Key(line, line, valueStart));
        return name;
    }
}
