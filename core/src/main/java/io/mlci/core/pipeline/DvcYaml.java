package io.mlci.core.pipeline;

import java.util.List;
import java.util.Optional;

/**
 * One {@code dvc.yaml}, fully resolved: its stages in file order (generated stages in place of
 * their {@code foreach}/{@code matrix} definition) and its top-level declarations.
 *
 * @param file      repository-relative path of the file
 * @param metrics   metrics files {@code dvc metrics show} reads, repository-relative
 * @param plots     plot files named at the top level, repository-relative
 * @param params    params files {@code dvc params diff} reads besides the stages' ones, repository-relative
 */
public record DvcYaml(String file, List<Stage> stages, List<String> metrics, List<String> plots, List<String> params,
                      List<Artifact> artifacts) {

    public static final String FILE_NAME = "dvc.yaml";
    public static final String LOCK_NAME = "dvc.lock";

    public DvcYaml {
        stages = List.copyOf(stages);
        metrics = List.copyOf(metrics);
        plots = List.copyOf(plots);
        params = List.copyOf(params);
        artifacts = List.copyOf(artifacts);
    }

    /** The {@code dvc.lock} beside this file, repository-relative. */
    public String lockFile() {
        return RepoPath.join(RepoPath.parent(file), LOCK_NAME);
    }

    public Optional<Stage> stage(String name) {
        return stages.stream().filter(stage -> stage.name().equals(name)).findFirst();
    }
}
