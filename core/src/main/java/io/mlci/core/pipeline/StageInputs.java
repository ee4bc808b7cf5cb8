package io.mlci.core.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlci.core.InvalidInputException;
import io.mlci.core.data.workspace.DataWorkspace;
import io.mlci.core.data.workspace.WorkspaceHasher;
import io.mlci.core.json.FlatMaps;
import io.mlci.core.json.StructuredFiles;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a stage sees in the workspace right now, in {@code dvc.lock} form: the hash of each
 * dependency and output (DVC's md5, {@code .dir} for directories) and the value of each tracked
 * parameter. Deps and outs are sorted by path; params files with params.yaml first, keys sorted.
 */
final class StageInputs {

    private final Path root;
    private final DataWorkspace data;

    StageInputs(Path root, DataWorkspace data) {
        this.root = root;
        this.data = data;
    }

    /** The lock entry the stage would have now; missing outputs are left out. */
    LockEntry current(Stage stage, boolean withOuts) {
        for (int i = 0; i < stage.deps().size(); i++) {
            String path = stage.depPaths().get(i);
            if (!exists(path)) {
                throw new InvalidInputException(stage.dvcFile(), "stages." + stage.name() + ".deps",
                        "dependency '" + stage.deps().get(i) + "' does not exist" + (path.equals(stage.deps().get(i)) ? ""
                                : " (" + path + ")"));
            }
        }
        return snapshot(stage, withOuts, true);
    }

    /**
     * What the workspace holds of the stage now, for comparing with its lock entry: dependencies,
     * outputs, params files and parameters that do not exist are left out instead of refused.
     */
    LockEntry observed(Stage stage) {
        return snapshot(stage, true, false);
    }

    private LockEntry snapshot(Stage stage, boolean withOuts, boolean strict) {
        List<LockEntry.LockedPath> deps = new ArrayList<>();
        for (int i = 0; i < stage.deps().size(); i++) {
            if (exists(stage.depPaths().get(i))) {
                deps.add(hashed(stage.deps().get(i), stage.depPaths().get(i)));
            }
        }
        List<LockEntry.LockedPath> outs = new ArrayList<>();
        if (withOuts) {
            for (StageOutput out : stage.outs()) {
                if (exists(out.workspacePath())) {
                    outs.add(hashed(out.path(), out.workspacePath()));
                }
            }
        }
        deps.sort(Comparator.comparing(LockEntry.LockedPath::path));
        outs.sort(Comparator.comparing(LockEntry.LockedPath::path));
        return new LockEntry(stage.name(), stage.cmd(), stage.cmdIsList(), deps, params(stage, strict), outs);
    }

    boolean exists(String workspacePath) {
        return Files.exists(root.resolve(workspacePath), LinkOption.NOFOLLOW_LINKS);
    }

    LockEntry.LockedPath hashed(String written, String workspacePath) {
        WorkspaceHasher.Hashed hashed = data.hash(root.resolve(workspacePath));
        return new LockEntry.LockedPath(written, hashed.hash(), hashed.size(), hashed.isDirectory() ? hashed.nfiles() : -1,
                hashed.executable(), false);
    }

    private Map<String, Map<String, JsonNode>> params(Stage stage, boolean strict) {
        Map<String, Map<String, JsonNode>> values = new TreeMap<>();
        for (ParamsDependency dep : stage.params()) {
            Path file = root.resolve(dep.workspacePath());
            String field = "stages." + stage.name() + ".params";
            if (!Files.isRegularFile(file) && !strict) {
                continue;
            }
            if (!Files.isRegularFile(file)) {
                throw new InvalidInputException(stage.dvcFile(), field, "params file '" + dep.path() + "' does not exist");
            }
            JsonNode tree = StructuredFiles.readMapping(file, dep.workspacePath(), "params file");
            Map<String, JsonNode> tracked = new TreeMap<>();
            if (dep.wholeFile()) {
                tree.fields().forEachRemaining(entry -> tracked.put(entry.getKey(), entry.getValue()));
            } else {
                for (String key : dep.keys()) {
                    JsonNode value = lookup(tree, key);
                    if (value == null && !strict) {
                        continue;
                    }
                    if (value == null) {
                        throw new InvalidInputException(stage.dvcFile(), field, "parameter '" + key + "' is missing from '"
                                + dep.path() + "'");
                    }
                    tracked.put(key, value);
                }
            }
            values.put(dep.path(), tracked);
        }
        Map<String, Map<String, JsonNode>> ordered = new LinkedHashMap<>();
        if (values.containsKey(Vars.DEFAULT_FILE)) {
            ordered.put(Vars.DEFAULT_FILE, values.remove(Vars.DEFAULT_FILE));
        }
        ordered.putAll(values);
        return ordered;
    }

    /** A dotted key of a params tree: {@code train.lr} is {@code lr} under {@code train}. */
    static JsonNode lookup(JsonNode tree, String key) {
        JsonNode current = tree;
        for (String part : key.split("\\.")) {
            if (current == null || !current.isObject()) {
                return null;
            }
            current = current.get(part);
        }
        return current;
    }

    /** Equality of parameter values as DVC compares them: 0.10 equals 0.1, mappings in any order. */
    static boolean sameValue(JsonNode a, JsonNode b) {
        return canonical(a).equals(canonical(b));
    }

    private static JsonNode canonical(JsonNode node) {
        if (node == null) {
            return JsonNodeFactory.instance.nullNode();
        }
        if (node.isObject()) {
            ObjectNode sorted = JsonNodeFactory.instance.objectNode();
            new TreeMap<String, JsonNode>(toMap(node)).forEach((k, v) -> sorted.set(k, canonical(v)));
            return sorted;
        }
        if (node.isArray()) {
            var list = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> list.add(canonical(item)));
            return list;
        }
        return FlatMaps.canonical(node);
    }

    private static Map<String, JsonNode> toMap(JsonNode node) {
        Map<String, JsonNode> map = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue()));
        return map;
    }
}
