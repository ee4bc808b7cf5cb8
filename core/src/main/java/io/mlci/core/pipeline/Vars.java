package io.mlci.core.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlci.core.InvalidInputException;
import io.mlci.core.json.StructuredFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The values {@code ${...}} reads: {@code params.yaml} beside the pipeline file when it exists,
 * then each {@code vars} entry in order — a file (optionally {@code file:key1,key2}) or an
 * inline mapping. As in DVC, a key defined twice is an error rather than a silent override
 * (nested mappings merge), and a file loaded whole is not loaded again.
 */
final class Vars {

    static final String DEFAULT_FILE = "params.yaml";

    private final Path root;
    private final ObjectNode values;
    /** File (repository-relative) to the keys loaded from it; null = the whole file. */
    private final Map<String, List<String>> imports;

    private Vars(Path root, ObjectNode values, Map<String, List<String>> imports) {
        this.root = root;
        this.values = values;
        this.imports = imports;
    }

    static Vars empty(Path root) {
        return new Vars(root, JsonNodeFactory.instance.objectNode(), new HashMap<>());
    }

    ObjectNode values() {
        return values;
    }

    Vars copy() {
        Map<String, List<String>> loaded = new HashMap<>();
        imports.forEach((file, keys) -> loaded.put(file, keys == null ? null : new ArrayList<>(keys)));
        return new Vars(root, values.deepCopy(), loaded);
    }

    /** Loads the default params file of {@code dir} (repository-relative), if there is one. */
    void loadDefault(String dir) {
        String file = RepoPath.join(dir, DEFAULT_FILE);
        if (Files.isRegularFile(root.resolve(file))) {
            loadFile(file, null, file);
        }
    }

    /**
     * Loads a {@code vars} list.
     *
     * @param dir   directory that relative file names start from (repository-relative)
     * @param where the field, for messages ({@code vars}, {@code stages.train.vars})
     */
    void load(JsonNode list, String dir, String dvcFile, String where) {
        if (list == null || list.isNull()) {
            return;
        }
        if (!list.isArray()) {
            throw new InvalidInputException(dvcFile, where, "expected a list of files and mappings");
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode item = list.get(i);
            String field = where + "[" + i + "]";
            if (Interpolation.containsExpression(item)) {
                throw new InvalidInputException(dvcFile, field, "interpolating is not allowed in vars");
            }
            if (item.isTextual()) {
                String text = item.textValue();
                int colon = text.indexOf(':');
                String name = colon < 0 ? text : text.substring(0, colon);
                List<String> keys = colon < 0 ? null : selectedKeys(text.substring(colon + 1));
                String file = RepoPath.resolve(dir, name, dvcFile, field);
                loadFile(file, keys, dvcFile + ": field '" + field + "'");
            } else if (item.isObject()) {
                merge(values, (ObjectNode) item, dvcFile, field);
            } else {
                throw new InvalidInputException(dvcFile, field, "expected a file name or a mapping");
            }
        }
    }

    private static List<String> selectedKeys(String text) {
        List<String> keys = new ArrayList<>();
        for (String key : text.split(",")) {
            if (!key.isEmpty()) {
                keys.add(key);
            }
        }
        return keys.isEmpty() ? null : keys;
    }

    private void loadFile(String file, List<String> keys, String where) {
        if (imports.containsKey(file)) {
            List<String> loaded = imports.get(file);
            if (keys == null && loaded == null) {
                return;
            }
            if (keys == null || loaded == null || keys.stream().anyMatch(loaded::contains)) {
                throw new InvalidInputException(where, null, "cannot load '" + file + (keys == null ? "" : ":"
                        + String.join(",", keys)) + "': it is already loaded, " + (loaded == null ? "whole" : "partly"));
            }
        }
        Path path = root.resolve(file);
        if (Files.isDirectory(path)) {
            throw new InvalidInputException(where, null, "vars file '" + file + "' is a directory");
        }
        if (!Files.isRegularFile(path)) {
            throw new InvalidInputException(where, null, "vars file '" + file + "' does not exist");
        }
        JsonNode data = StructuredFiles.readMapping(path, file, "vars file");
        ObjectNode selected = JsonNodeFactory.instance.objectNode();
        if (keys == null) {
            selected.setAll((ObjectNode) data);
        } else {
            for (String key : keys) {
                if (!data.has(key)) {
                    throw new InvalidInputException(where, null, "could not find '" + key + "' in '" + file + "'");
                }
                selected.set(key, data.get(key));
            }
        }
        merge(values, selected, file, null);
        if (keys == null) {
            imports.put(file, null);
        } else {
            imports.computeIfAbsent(file, f -> new ArrayList<>()).addAll(keys);
        }
    }

    private static void merge(ObjectNode into, ObjectNode update, String source, String field) {
        update.fields().forEachRemaining(entry -> {
            JsonNode existing = into.get(entry.getKey());
            if (existing != null && existing.isObject() && entry.getValue().isObject()) {
                merge((ObjectNode) existing, (ObjectNode) entry.getValue(), source, field);
            } else if (existing != null) {
                throw new InvalidInputException(source, field, "cannot merge '" + entry.getKey()
                        + "': it is already defined by an earlier vars entry or params file");
            } else {
                into.set(entry.getKey(), entry.getValue().deepCopy());
            }
        });
    }
}
