package io.mlci.core.pipeline;

import io.mlci.core.run.record.RunRecord;
import io.mlci.core.run.record.StageRun;

import java.util.List;

/**
 * What {@code mlci repro} did (or, for a dry run, would do) with each stage.
 *
 * @param record the run recorded for this repro; null for a dry run
 * @param store  where the record went
 */
public record ReproOutcome(List<StageRun> stages, RunRecord record, String store) {

    public ReproOutcome {
        stages = List.copyOf(stages);
    }

    public boolean succeeded() {
        return stages.stream().noneMatch(stage -> stage.state().equals(StageRun.FAILED));
    }
}
