package io.mlci.core.run.params;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Training parameters, flattened to dotted names ({@code model.lr}) as DVC shows them. Values are
 * JSON scalars or lists in canonical form, so the file's key order, quoting or number spelling
 * ({@code 0.10} vs {@code 0.1}) never changes what a run key sees.
 *
 * @param values dotted name -> value, sorted by name
 * @param files  the params files read, in order (later files override earlier ones)
 */
public record Params(Map<String, JsonNode> values, java.util.List<String> files) {

    public static final Params NONE = new Params(Map.of(), java.util.List.of());

    public Params {
        values = Collections.unmodifiableMap(new TreeMap<>(values));
        files = java.util.List.copyOf(files);
    }

    /** The value as it would be written in a shell or environment variable. */
    public static String plain(JsonNode value) {
        return value.isTextual() ? value.textValue() : value.toString();
    }
}
