package io.mlci.core.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlci.core.json.FlatMaps;
import io.mlci.core.json.StructuredFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the metrics files a training wrote — JSON, YAML, TOML, or CSV/TSV tables — flattened
 * with '.' as {@code dvc metrics show} does. A file that was not written is skipped (whether a
 * missing metric matters is the gate's call); a file that is there but malformed is an error
 * naming it.
 */
public final class MetricsFiles {

    private MetricsFiles() {
    }

    public static Map<String, JsonNode> read(Path root, List<String> files) {
        Map<String, JsonNode> metrics = new LinkedHashMap<>();
        for (String file : files) {
            Path path = root.resolve(file);
            if (Files.isRegularFile(path)) {
                metrics.putAll(readFile(path, file));
            }
        }
        return metrics;
    }

    /** One metrics file, flattened. */
    public static Map<String, JsonNode> readFile(Path path, String name) {
        if (DelimitedText.isDelimited(name)) {
            return TabularMetrics.read(name, DelimitedText.read(path, name));
        }
        Map<String, JsonNode> metrics = new LinkedHashMap<>();
        FlatMaps.flatten("", StructuredFiles.readMapping(path, name, "metrics file"), metrics);
        return metrics;
    }
}
