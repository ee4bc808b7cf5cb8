package io.mlci.core.pipeline;

import java.util.List;

/**
 * The parameters a stage reads from one params file.
 *
 * @param path          the file as written (relative to the stage's working directory)
 * @param workspacePath repository-relative
 * @param keys          dotted keys, in the order written; empty when the stage tracks the whole file
 */
public record ParamsDependency(String path, String workspacePath, List<String> keys) {

    public ParamsDependency {
        keys = List.copyOf(keys);
    }

    public boolean wholeFile() {
        return keys.isEmpty();
    }
}
