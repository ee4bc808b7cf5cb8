package io.mlci.core.run;

import io.mlci.core.run.record.RunRecord;

/**
 * What {@code mlci train} did.
 *
 * @param record   the run recorded for this invocation
 * @param original for a reused run, the earlier run whose outputs were restored; else null
 * @param store    where the record went
 */
public record TrainOutcome(RunRecord record, RunRecord original, String store) {

    public boolean skipped() {
        return original != null;
    }
}
