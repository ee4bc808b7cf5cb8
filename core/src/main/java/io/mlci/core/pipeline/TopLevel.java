package io.mlci.core.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlci.core.InvalidInputException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** dvc.yaml's top-level {@code metrics}, {@code plots}, {@code params} and {@code artifacts}, interpolated. */
final class TopLevel {

    private final String file;
    private final String dir;
    private final Interpolation interpolation;

    TopLevel(String file, String dir, Interpolation interpolation) {
        this.file = file;
        this.dir = dir;
        this.interpolation = interpolation;
    }

    List<String> paths(JsonNode doc, String section) {
        List<String> paths = new ArrayList<>();
        JsonNode list = resolved(doc, section);
        if (list == null) {
            return paths;
        }
        if (!list.isArray()) {
            throw new InvalidInputException(file, section, "expected a list of paths");
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode item = list.get(i);
            if (item.isContainerNode()) {
                throw new InvalidInputException(file, section + "[" + i + "]", "expected a path");
            }
            paths.add(RepoPath.resolve(dir, PythonText.scalar(item), file, section + "[" + i + "]"));
        }
        return paths;
    }

    /** Plot files: plain entries, and the files a plot definition's {@code y} maps to columns. */
    List<String> plots(JsonNode doc) {
        List<String> paths = new ArrayList<>();
        JsonNode list = resolved(doc, "plots");
        if (list == null) {
            return paths;
        }
        if (!list.isArray()) {
            throw new InvalidInputException(file, "plots", "expected a list of plot files or definitions");
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode item = list.get(i);
            String field = "plots[" + i + "]";
            if (!item.isObject()) {
                paths.add(RepoPath.resolve(dir, PythonText.scalar(item), file, field));
                continue;
            }
            for (Map.Entry<String, JsonNode> plot : DvcYamlReader.iterable(item)) {
                JsonNode y = plot.getValue() == null ? null : plot.getValue().get("y");
                if (y != null && y.isObject()) {
                    y.fieldNames().forEachRemaining(name -> paths.add(RepoPath.resolve(dir, name, file, field + ".y")));
                } else {
                    paths.add(RepoPath.resolve(dir, plot.getKey(), file, field));
                }
            }
        }
        return paths;
    }

    List<Artifact> artifacts(JsonNode doc) {
        List<Artifact> artifacts = new ArrayList<>();
        JsonNode section = resolved(doc, "artifacts");
        if (section == null) {
            return artifacts;
        }
        if (!section.isObject()) {
            throw new InvalidInputException(file, "artifacts", "expected a mapping of artifact name to {path, type, desc,"
                    + " labels, meta}");
        }
        for (Map.Entry<String, JsonNode> entry : DvcYamlReader.iterable(section)) {
            String field = "artifacts." + entry.getKey();
            JsonNode value = entry.getValue();
            if (!value.isObject() || !value.hasNonNull("path") || value.get("path").isContainerNode()) {
                throw new InvalidInputException(file, field, "expected a mapping with at least 'path'");
            }
            String path = value.get("path").asText();
            List<String> labels = new ArrayList<>();
            JsonNode labelList = value.get("labels");
            if (labelList != null && !labelList.isNull()) {
                if (!labelList.isArray()) {
                    throw new InvalidInputException(file, field + ".labels", "expected a list of labels");
                }
                labelList.forEach(label -> labels.add(PythonText.scalar(label)));
            }
            artifacts.add(new Artifact(entry.getKey(), path, RepoPath.resolve(dir, path, file, field + ".path"),
                    optionalText(value, "type"), optionalText(value, "desc"), labels,
                    value.hasNonNull("meta") ? value.get("meta") : null));
        }
        return artifacts;
    }

    private static String optionalText(JsonNode node, String key) {
        return node.hasNonNull(key) ? PythonText.scalar(node.get(key)) : null;
    }

    private JsonNode resolved(JsonNode doc, String section) {
        JsonNode value = doc.get(section);
        if (value == null || value.isNull()) {
            return null;
        }
        try {
            return interpolation.resolve(value, null);
        } catch (Interpolation.Problem e) {
            throw new InvalidInputException(file, section, e.getMessage());
        }
    }
}
