package io.mlci.core.pipeline;

import io.mlci.core.data.workspace.DataWorkspace;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code dvc status} for pipelines: each stage of the repository's dvc.yaml files compared
 * with its {@code dvc.lock} entry by the rule {@code mlci repro} decides with. Reads only.
 */
public final class PipelineStatus {

    private final Path root;
    private final Pipelines pipelines;

    private PipelineStatus(Path root, Pipelines pipelines) {
        this.root = root;
        this.pipelines = pipelines;
    }

    /** The repository's pipelines; none when it has no dvc.yaml. */
    public static PipelineStatus read(Path root) {
        Path base = root.toAbsolutePath().normalize();
        return new PipelineStatus(base, Pipelines.read(base));
    }

    public boolean hasStages() {
        return !pipelines.stages().isEmpty();
    }

    /**
     * Whether a target names a stage: {@code train}, {@code sub/dvc.yaml:train}, or the same
     * with the pipeline or lock file named ({@code dvc.yaml:train}, {@code dvc.lock:train}).
     */
    public boolean namesStage(String target) {
        return pipelines.stages().stream().anyMatch(stage -> named(stage, target));
    }

    /** Every stage, or those the targets name, in file order; hashing what they read and write. */
    public List<StageStatus> check(DataWorkspace data, List<String> targets) {
        LockFiles locks = new LockFiles(root, pipelines);
        StageInputs inputs = new StageInputs(root, data);
        List<StageStatus> statuses = new ArrayList<>();
        for (Stage stage : pipelines.stages()) {
            if (targets == null || targets.isEmpty() || targets.stream().anyMatch(t -> named(stage, t))) {
                statuses.add(StageChange.compare(stage, locks.get(stage), inputs.observed(stage)));
            }
        }
        return statuses;
    }

    private static boolean named(Stage stage, String target) {
        String lock = RepoPath.join(stage.dvcDir(), DvcYaml.LOCK_NAME);
        return target.equals(stage.address()) || target.equals(stage.dvcFile() + ":" + stage.name())
                || target.equals(lock + ":" + stage.name());
    }
}
