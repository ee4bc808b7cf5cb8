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
 * Reads the metrics files a training wrote, flattened with '.' as {@code dvc metrics show} does.
 * A file that was not written is skipped (whether a missing metric matters is the gate's call);
 * a file that is there but malformed is an error naming it.
 */
public final class MetricsFiles {

    private MetricsFiles() {
    }

    public static Map<String, JsonNode> read(Path root, List<String> files) {
        Map<String, JsonNode> metrics = new LinkedHashMap<>();
        for (String file : files) {
            Path path = root.resolve(file);
            if (Files.isRegularFile(path)) {
                FlatMaps.flatten("", StructuredFiles.readMapping(path, file, "metrics file"), metrics);
            }
        }
        return metrics;
    }
}
