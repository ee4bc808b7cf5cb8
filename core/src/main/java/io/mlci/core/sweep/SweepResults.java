package io.mlci.core.sweep;

import io.mlci.core.run.record.RunRecord;
import io.mlci.core.run.store.RunStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds a sweep record from its trials' outcomes, wherever the trials ran. */
public final class SweepResults {

    private SweepResults() {
    }

    static SweepRecord record(String id, StudyPlan plan, String commit, String branch, List<TrialResult> results) {
        TrialResult best = SweepRecord.best(results, plan.objective()).orElse(null);
        return new SweepRecord(SweepRecord.SCHEMA, id, plan.kind(), Instant.now().toString(), commit, branch,
                plan.objective(), plan.strategy(), plan.seed(), results, best == null ? null : best.name(),
                best == null ? null : best.runId());
    }

    /**
     * The record of a study whose trials ran elsewhere (one Jenkins agent each): each trial's run
     * is read from the store, so the record states what the runs say, not what the caller claims.
     *
     * @param runIds trial name -> its run id; trials without one are recorded as not run
     */
    public static SweepRecord collect(String id, StudyPlan plan, RunStore store, Map<String, String> runIds) {
        for (String name : runIds.keySet()) {
            plan.trial(name);
        }
        List<TrialResult> results = new ArrayList<>();
        String commit = null;
        String branch = null;
        for (Trial trial : plan.trials()) {
            String runId = runIds.get(trial.name());
            if (runId == null) {
                results.add(TrialResult.withoutRun(trial, "not-run", "no run was reported for this trial"));
                continue;
            }
            RunRecord run = store.get(runId);
            commit = commit == null ? run.source().commit() : commit;
            branch = branch == null ? run.source().branch() : branch;
            results.add(TrialResult.ofRun(trial, run, plan.objective(),
                    run.message() != null && run.message().startsWith(MedianStoppingRule.STOPPED_EARLY)));
        }
        return record(id, plan, commit, branch, results);
    }
}
