package io.mlci.core.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlci.core.InvalidInputException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns one stage definition (a plain stage, or the template of a generated one with its
 * {@code item}/{@code key} in the variables) into a {@link Stage}: {@code wdir} first, then the
 * stage's own {@code vars}, then every other key interpolated and checked.
 */
final class StageBuilder {

    private static final Set<String> KEYS = Set.of("cmd", "wdir", "deps", "params", "outs", "metrics", "plots", "frozen",
            "always_changed", "desc", "meta", "vars");
    private static final Set<String> OUT_FLAGS = Set.of("cache", "persist", "push", "remote", "desc", "type", "labels",
            "meta", "checkpoint");
    private static final Set<String> PLOT_PROPS = Set.of("template", "x", "y", "x_label", "y_label", "title", "header");

    private final String file;
    private final String dir;
    private final String name;

    StageBuilder(String file, String dir, String name) {
        this.file = file;
        this.dir = dir;
        this.name = name;
    }

    Stage build(Vars vars, ObjectNode definition) {
        for (String key : iterableNames(definition)) {
            if (!KEYS.contains(key)) {
                throw problem(key, DvcYamlReader.isGenerator(key) ? "'" + key + "' is misplaced here"
                        : "unknown key; expected one of cmd, wdir, deps, params, outs, metrics, plots, frozen,"
                        + " always_changed, desc, meta, vars");
            }
        }
        Interpolation outer = new Interpolation(vars.values());
        String wdir = dir;
        if (definition.hasNonNull("wdir")) {
            JsonNode written = resolve(outer, definition.get("wdir"), "wdir");
            wdir = RepoPath.resolve(dir, text(written, "wdir"), file, field("wdir"));
        }
        Vars scoped = vars;
        if (definition.hasNonNull("vars")) {
            scoped = vars.copy();
            scoped.load(definition.get("vars"), wdir, file, field("vars"));
        }
        Interpolation interpolation = new Interpolation(scoped.values());
        if (!definition.hasNonNull("cmd")) {
            throw problem("cmd", "is required: the command the stage runs");
        }
        JsonNode cmd = resolve(interpolation, definition.get("cmd"), "cmd");
        List<String> commands = commands(cmd);
        List<String> deps = strings(resolve(interpolation, definition.get("deps"), "deps"), "deps");
        List<String> depPaths = new ArrayList<>();
        for (int i = 0; i < deps.size(); i++) {
            depPaths.add(RepoPath.resolve(wdir, deps.get(i), file, field("deps[" + i + "]")));
        }
        List<ParamsDependency> params = params(resolve(interpolation, definition.get("params"), "params"), wdir);
        List<StageOutput> outs = new ArrayList<>();
        outs.addAll(outputs(resolve(interpolation, definition.get("outs"), "outs"), "outs", StageOutput.Kind.OUT, wdir));
        outs.addAll(outputs(resolve(interpolation, definition.get("metrics"), "metrics"), "metrics",
                StageOutput.Kind.METRIC, wdir));
        outs.addAll(outputs(resolve(interpolation, definition.get("plots"), "plots"), "plots", StageOutput.Kind.PLOT,
                wdir));
        JsonNode desc = resolve(interpolation, definition.get("desc"), "desc");
        JsonNode meta = definition.get("meta");
        return new Stage(name, file, wdir, commands, cmd.isArray(), deps, depPaths, params, outs,
                flag(resolve(interpolation, definition.get("frozen"), "frozen"), "frozen"),
                flag(resolve(interpolation, definition.get("always_changed"), "always_changed"), "always_changed"),
                desc == null ? null : text(desc, "desc"), meta == null || meta.isNull() ? null : meta);
    }

    private JsonNode resolve(Interpolation interpolation, JsonNode value, String key) {
        if (value == null || value.isNull()) {
            return null;
        }
        try {
            return interpolation.resolve(value, key);
        } catch (Interpolation.Problem e) {
            throw problem(key, e.getMessage());
        }
    }

    private List<String> commands(JsonNode cmd) {
        List<String> commands = new ArrayList<>();
        if (cmd.isArray()) {
            for (int i = 0; i < cmd.size(); i++) {
                commands.add(text(cmd.get(i), "cmd[" + i + "]"));
            }
        } else {
            commands.add(text(cmd, "cmd"));
        }
        if (commands.isEmpty() || commands.stream().allMatch(String::isBlank)) {
            throw problem("cmd", "is empty");
        }
        return commands;
    }

    private List<String> strings(JsonNode list, String key) {
        List<String> values = new ArrayList<>();
        if (list == null) {
            return values;
        }
        if (!list.isArray()) {
            throw problem(key, "expected a list of paths");
        }
        for (int i = 0; i < list.size(); i++) {
            values.add(text(list.get(i), key + "[" + i + "]"));
        }
        return values;
    }

    private List<ParamsDependency> params(JsonNode list, String wdir) {
        List<ParamsDependency> params = new ArrayList<>();
        if (list == null) {
            return params;
        }
        if (!list.isArray()) {
            throw problem("params", "expected a list of keys of params.yaml or {file: [keys]} mappings");
        }
        List<String> defaultKeys = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode item = list.get(i);
            String key = "params[" + i + "]";
            if (item.isObject()) {
                for (Map.Entry<String, JsonNode> entry : DvcYamlReader.iterable(item)) {
                    String path = RepoPath.resolve(wdir, entry.getKey(), file, field(key));
                    JsonNode keys = entry.getValue();
                    if (keys != null && !keys.isNull() && !keys.isArray()) {
                        throw problem(key + "." + entry.getKey(), "expected a list of keys, or nothing for the whole file");
                    }
                    params.add(new ParamsDependency(entry.getKey(), path, keys == null || keys.isNull() ? List.of()
                            : strings(keys, key + "." + entry.getKey())));
                }
            } else {
                defaultKeys.add(text(item, key));
            }
        }
        if (!defaultKeys.isEmpty()) {
            params.add(0, new ParamsDependency(Vars.DEFAULT_FILE, RepoPath.join(wdir, Vars.DEFAULT_FILE), defaultKeys));
        }
        return merged(params);
    }

    /** Keys of one file named in several entries are one dependency, as DVC merges them. */
    private static List<ParamsDependency> merged(List<ParamsDependency> params) {
        Map<String, List<String>> byFile = new java.util.LinkedHashMap<>();
        Map<String, String> written = new java.util.HashMap<>();
        Set<String> whole = new java.util.HashSet<>();
        for (ParamsDependency dep : params) {
            written.putIfAbsent(dep.workspacePath(), dep.path());
            List<String> keys = byFile.computeIfAbsent(dep.workspacePath(), p -> new ArrayList<>());
            if (dep.wholeFile()) {
                whole.add(dep.workspacePath());
            }
            dep.keys().stream().filter(k -> !keys.contains(k)).forEach(keys::add);
        }
        List<ParamsDependency> result = new ArrayList<>();
        byFile.forEach((path, keys) -> result.add(new ParamsDependency(written.get(path), path,
                whole.contains(path) ? List.of() : keys)));
        return result;
    }

    private List<StageOutput> outputs(JsonNode list, String key, StageOutput.Kind kind, String wdir) {
        List<StageOutput> outs = new ArrayList<>();
        if (list == null) {
            return outs;
        }
        if (!list.isArray()) {
            throw problem(key, "expected a list of paths or {path: {flags}} mappings");
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode item = list.get(i);
            String itemKey = key + "[" + i + "]";
            if (!item.isObject()) {
                String path = text(item, itemKey);
                outs.add(new StageOutput(path, RepoPath.resolve(wdir, path, file, field(itemKey)), kind, true, false,
                        true, null));
                continue;
            }
            if (item.size() != 1) {
                throw problem(itemKey, "expected one path mapped to its flags");
            }
            Map.Entry<String, JsonNode> entry = item.fields().next();
            outs.add(output(entry.getKey(), entry.getValue(), itemKey + "." + entry.getKey(), kind, wdir));
        }
        return outs;
    }

    private StageOutput output(String path, JsonNode flags, String key, StageOutput.Kind kind, String wdir) {
        String workspacePath = RepoPath.resolve(wdir, path, file, field(key));
        if (flags == null || flags.isNull()) {
            return new StageOutput(path, workspacePath, kind, true, false, true, null);
        }
        if (!flags.isObject()) {
            throw problem(key, "expected a mapping of flags (cache, persist, push, remote)");
        }
        for (String flag : iterableNames(flags)) {
            if (!OUT_FLAGS.contains(flag) && !(kind == StageOutput.Kind.PLOT && PLOT_PROPS.contains(flag))) {
                throw problem(key + "." + flag, "unknown flag; expected cache, persist, push, remote, desc, type,"
                        + " labels, meta" + (kind == StageOutput.Kind.PLOT ? " or a plot property" : ""));
            }
        }
        boolean cache = flags.has("cache") ? flag(flags.get("cache"), key + ".cache") : true;
        boolean persist = flags.has("persist") && flag(flags.get("persist"), key + ".persist");
        boolean push = flags.has("push") ? flag(flags.get("push"), key + ".push") : true;
        String remote = flags.hasNonNull("remote") ? text(flags.get("remote"), key + ".remote") : null;
        return new StageOutput(path, workspacePath, kind, cache, persist, push, remote);
    }

    private boolean flag(JsonNode value, String key) {
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw problem(key, "expected true or false, got '" + PythonText.scalar(value) + "'");
        }
        return value.booleanValue();
    }

    private String text(JsonNode value, String key) {
        if (value == null || value.isContainerNode()) {
            throw problem(key, "expected a string" + (value == null ? "" : ", got a " + (value.isArray() ? "list" : "mapping")));
        }
        return PythonText.scalar(value);
    }

    private static List<String> iterableNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private String field(String key) {
        return "stages." + name + "." + key;
    }

    private InvalidInputException problem(String key, String message) {
        return new InvalidInputException(file, field(key), message);
    }
}
