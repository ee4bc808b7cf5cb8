package io.mlci.core.run.params;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlci.core.InvalidInputException;
import io.mlci.core.json.FlatMaps;
import io.mlci.core.json.StructuredFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads params files (YAML or JSON, chosen by extension) into flattened, canonical {@link Params}. */
public final class ParamsFiles {

    public static final String DEFAULT_FILE = "params.yaml";

    private ParamsFiles() {
    }

    /**
     * Reads the declared files; with none declared, {@code params.yaml} if it exists. A declared
     * file that is missing is an error: training without the parameters it expects is not a run
     * anyone wants recorded.
     */
    public static Params load(Path root, List<String> declared) {
        List<String> files = declared;
        if (files.isEmpty()) {
            if (!Files.isRegularFile(root.resolve(DEFAULT_FILE))) {
                return Params.NONE;
            }
            files = List.of(DEFAULT_FILE);
        }
        Map<String, JsonNode> values = new LinkedHashMap<>();
        for (String file : files) {
            Map<String, JsonNode> fromFile = new LinkedHashMap<>();
            FlatMaps.flatten("", StructuredFiles.readMapping(root.resolve(file), file, "params file"), fromFile);
            fromFile.forEach((name, value) -> requireNoNul(file, name, value));
            values.putAll(fromFile);
        }
        return new Params(values, files);
    }

    /**
     * Params reach the command as environment variables, which cannot hold a NUL byte: say so,
     * naming the file and param, before anything starts.
     */
    private static void requireNoNul(String file, String name, JsonNode value) {
        if (Params.plain(value).indexOf('\0') >= 0) {
            throw new InvalidInputException(file, name, "contains a NUL byte (\\0), which no environment variable or "
                    + "command line can carry; remove it from the value");
        }
    }
}
