package io.mlci.core.pipeline;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * A named model or dataset of dvc.yaml's {@code artifacts} section.
 *
 * @param path          as written, relative to the pipeline file's directory
 * @param workspacePath repository-relative
 * @param type          e.g. {@code model}, {@code dataset}; null when not given
 * @param meta          free-form metadata; null when not given
 */
public record Artifact(String name, String path, String workspacePath, String type, String desc, List<String> labels,
                       JsonNode meta) {

    public Artifact {
        labels = labels == null ? List.of() : List.copyOf(labels);
    }
}
