package io.mlci.core.registry;

import java.util.List;

/**
 * What a version is, as dvc.yaml's {@code artifacts} section declares it (DVC's model registry
 * names): the path inside the run's outputs, and its type, description and labels.
 *
 * @param name   the artifact's name in dvc.yaml
 * @param path   repository-relative path of the artifact (a file or a directory)
 * @param type   e.g. {@code model}; null when not declared
 * @param desc   null when not declared
 */
public record ModelArtifact(String name, String path, String type, String desc, List<String> labels) {

    public ModelArtifact {
        labels = labels == null ? List.of() : List.copyOf(labels);
    }
}
