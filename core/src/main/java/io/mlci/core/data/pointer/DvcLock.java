package io.mlci.core.data.pointer;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlci.core.InvalidInputException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A {@code dvc.lock} file: schema 2.0 ({@code stages:} mapping) and the older flat form. Each
 * stage's paths and params files are relative to the stage's working directory, as DVC writes them.
 */
public record DvcLock(Path file, List<LockStage> stages) {

    public DvcLock {
        stages = List.copyOf(stages);
    }

    /** Reads the lock with the working directories the {@code dvc.yaml} beside it declares literally. */
    public static DvcLock read(Path root, Path file) {
        return read(root, file, DeclaredStageDirs.beside(root, file));
    }

    /**
     * @param stageDir the absolute directory a stage's paths are relative to, by stage name; null
     *                 for the lock's own directory
     */
    public static DvcLock read(Path root, Path file, Function<String, Path> stageDir) {
        JsonNode doc = YamlDocuments.read(file);
        if (doc.isMissingNode()) {
            return new DvcLock(file, List.of());
        }
        if (!doc.isObject()) {
            throw new InvalidInputException(file, null, "expected a mapping with 'schema' and 'stages'");
        }
        JsonNode stagesNode = doc;
        String prefix = "";
        if (doc.has("schema")) {
            String schema = YamlDocuments.text(doc, "schema", file, "schema", true);
            if (!schema.startsWith("2.")) {
                throw new InvalidInputException(file, "schema", "unsupported dvc.lock schema '" + schema + "'; expected '2.0'");
            }
            stagesNode = doc.get("stages");
            prefix = "stages.";
            if (stagesNode == null || stagesNode.isNull()) {
                return new DvcLock(file, List.of());
            }
            if (!stagesNode.isObject()) {
                throw new InvalidInputException(file, "stages", "expected a mapping of stage name to stage");
            }
        }
        List<LockStage> stages = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = stagesNode.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> stage = fields.next();
            Path dir = stageDir.apply(stage.getKey());
            stages.add(readStage(root, dir == null ? file.getParent() : dir, file, prefix + stage.getKey(), stage.getKey(),
                    stage.getValue()));
        }
        return new DvcLock(file, stages);
    }

    private static LockStage readStage(Path root, Path base, Path file, String field, String name, JsonNode node) {
        if (!node.isObject()) {
            throw new InvalidInputException(file, field, "expected a mapping with cmd, deps, params, outs");
        }
        JsonNode cmdNode = node.get("cmd");
        String cmd;
        if (cmdNode != null && cmdNode.isArray()) {
            List<String> parts = new ArrayList<>();
            cmdNode.forEach(part -> parts.add(part.asText()));
            cmd = String.join("\n", parts);
        } else {
            cmd = YamlDocuments.text(node, "cmd", file, field + ".cmd", false);
        }
        List<Output> deps = entries(root, base, file, field + ".deps", node.get("deps"));
        List<Output> outs = entries(root, base, file, field + ".outs", node.get("outs"));
        return new LockStage(name, cmd, deps, params(file, field + ".params", node.get("params")), outs);
    }

    private static List<Output> entries(Path root, Path base, Path file, String field, JsonNode list) {
        List<Output> entries = new ArrayList<>();
        if (list == null || list.isNull()) {
            return entries;
        }
        if (!list.isArray()) {
            throw new InvalidInputException(file, field, "expected a list, got " + YamlDocuments.kind(list));
        }
        for (int i = 0; i < list.size(); i++) {
            entries.add(OutputParser.parse(list.get(i), root, base, file, field + "[" + i + "]"));
        }
        return entries;
    }

    private static Map<String, Map<String, JsonNode>> params(Path file, String field, JsonNode node) {
        Map<String, Map<String, JsonNode>> params = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return params;
        }
        if (!node.isObject()) {
            throw new InvalidInputException(file, field, "expected a mapping of params file to values");
        }
        node.fields().forEachRemaining(paramsFile -> {
            Map<String, JsonNode> values = new LinkedHashMap<>();
            JsonNode valueNode = paramsFile.getValue();
            if (valueNode != null && valueNode.isObject()) {
                valueNode.fields().forEachRemaining(value -> values.put(value.getKey(), value.getValue()));
            }
            params.put(paramsFile.getKey(), values);
        });
        return params;
    }
}
