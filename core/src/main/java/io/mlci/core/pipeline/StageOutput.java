package io.mlci.core.pipeline;

import java.util.Objects;

/**
 * One {@code outs}, {@code metrics} or {@code plots} entry of a stage.
 *
 * @param path          as written (relative to the stage's working directory)
 * @param workspacePath repository-relative
 * @param cache         false: DVC leaves it in git and keeps no copy in the cache
 * @param persist       true: not removed before the stage runs again
 * @param push          false: cached but never pushed
 * @param remote        the remote it goes to, when not the default; null otherwise
 */
public record StageOutput(String path, String workspacePath, Kind kind, boolean cache, boolean persist, boolean push,
                          String remote) {

    public enum Kind { OUT, METRIC, PLOT }

    public StageOutput {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(workspacePath, "workspacePath");
        Objects.requireNonNull(kind, "kind");
    }
}
