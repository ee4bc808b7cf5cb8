package io.mlci.core.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlci.core.InvalidInputException;
import io.mlci.core.json.StructuredFiles;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one {@code dvc.yaml} as DVC 3 does: loads {@code vars} (with {@code params.yaml} beside
 * the file by default), expands {@code foreach}/{@code matrix} definitions, resolves every
 * {@code ${...}}, and checks each stage. Every error names the file, the stage and the key.
 */
public final class DvcYamlReader {

    private static final Set<String> TOP_LEVEL = Set.of("stages", "vars", "metrics", "plots", "params", "artifacts",
            "datasets");
    private static final Set<String> GENERATORS = Set.of("foreach", "do", "matrix");

    private final Path root;

    public DvcYamlReader(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** @param file repository-relative path of the {@code dvc.yaml} */
    public DvcYaml read(String file) {
        JsonNode doc = StructuredFiles.readMapping(root.resolve(file), file, "pipeline file");
        doc.fieldNames().forEachRemaining(key -> {
            if (!TOP_LEVEL.contains(key)) {
                throw new InvalidInputException(file, key, "unknown section; expected one of stages, vars, metrics,"
                        + " plots, params, artifacts");
            }
        });
        String dir = RepoPath.parent(file);
        Vars vars = Vars.empty(root);
        vars.loadDefault(dir);
        vars.load(doc.get("vars"), dir, file, "vars");
        Interpolation interpolation = new Interpolation(vars.values());
        List<Stage> stages = new ArrayList<>();
        JsonNode stagesNode = doc.get("stages");
        if (stagesNode != null && !stagesNode.isNull()) {
            if (!stagesNode.isObject()) {
                throw new InvalidInputException(file, "stages", "expected a mapping of stage name to stage");
            }
            for (Map.Entry<String, JsonNode> entry : iterable(stagesNode)) {
                stages.addAll(definition(file, dir, vars, entry.getKey(), entry.getValue()));
            }
        }
        checkUniqueNames(file, stages);
        TopLevel top = new TopLevel(file, dir, interpolation);
        return new DvcYaml(file, stages, top.paths(doc, "metrics"), top.plots(doc), top.paths(doc, "params"),
                top.artifacts(doc));
    }

    private List<Stage> definition(String file, String dir, Vars vars, String name, JsonNode definition) {
        String field = "stages." + name;
        if (name.isEmpty() || name.matches(".*[@:/\\\\$#.].*") && !name.contains("${")) {
            throw new InvalidInputException(file, field, "invalid stage name '" + name
                    + "'; it may not contain any of @ : / \\ $ # .");
        }
        if (!definition.isObject()) {
            throw new InvalidInputException(file, field, "expected a mapping with at least 'cmd'");
        }
        Interpolation interpolation = new Interpolation(vars.values());
        if (definition.has("matrix")) {
            if (definition.has("foreach") || definition.has("do")) {
                throw new InvalidInputException(file, field, "'matrix' cannot be combined with 'foreach'/'do'");
            }
            JsonNode data = resolveGenerator(interpolation, definition.get("matrix"), file, field + ".matrix");
            if (!data.isObject() || !allLists(data)) {
                throw new InvalidInputException(file, field + ".matrix", "expected a mapping of names to lists of values");
            }
            ObjectNode template = ((ObjectNode) definition).deepCopy();
            template.remove("matrix");
            return generated(file, dir, vars, name, template, StageExpansion.matrix((ObjectNode) data));
        }
        if (definition.has("foreach") || definition.has("do")) {
            if (!definition.has("foreach") || !definition.has("do")) {
                throw new InvalidInputException(file, field, "'foreach' and 'do' go together");
            }
            if (definition.size() > 2) {
                throw new InvalidInputException(file, field, "a foreach stage has only 'foreach' and 'do'; move the"
                        + " other keys under 'do'");
            }
            JsonNode data = resolveGenerator(interpolation, definition.get("foreach"), file, field + ".foreach");
            if (!data.isContainerNode()) {
                throw new InvalidInputException(file, field + ".foreach", "expected a list or a mapping, got '"
                        + PythonText.scalar(data) + "'");
            }
            JsonNode template = definition.get("do");
            if (!template.isObject()) {
                throw new InvalidInputException(file, field + ".do", "expected a stage mapping");
            }
            return generated(file, dir, vars, name, (ObjectNode) template, StageExpansion.foreach(data));
        }
        return List.of(new StageBuilder(file, dir, name).build(vars, (ObjectNode) definition));
    }

    private List<Stage> generated(String file, String dir, Vars vars, String group, ObjectNode template,
                                  List<StageExpansion.Member> members) {
        List<Stage> stages = new ArrayList<>();
        for (StageExpansion.Member member : members) {
            Vars scoped = vars.copy();
            scoped.values().set("item", member.item());
            if (member.withKey()) {
                scoped.values().put("key", member.key());
            }
            stages.add(new StageBuilder(file, dir, group + "@" + member.key()).build(scoped, template));
        }
        return stages;
    }

    private static JsonNode resolveGenerator(Interpolation interpolation, JsonNode data, String file, String field) {
        try {
            return interpolation.resolve(data, null);
        } catch (Interpolation.Problem e) {
            throw new InvalidInputException(file, field, e.getMessage());
        }
    }

    private static boolean allLists(JsonNode data) {
        for (JsonNode values : data) {
            if (!values.isArray()) {
                return false;
            }
        }
        return true;
    }

    private static void checkUniqueNames(String file, List<Stage> stages) {
        Set<String> seen = new java.util.HashSet<>();
        for (Stage stage : stages) {
            if (!seen.add(stage.name())) {
                throw new InvalidInputException(file, "stages." + stage.name(), "two definitions generate a stage named '"
                        + stage.name() + "'");
            }
        }
    }

    static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode mapping) {
        return mapping::fields;
    }

    static boolean isGenerator(String key) {
        return GENERATORS.contains(key);
    }
}
