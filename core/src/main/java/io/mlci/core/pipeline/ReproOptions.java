package io.mlci.core.pipeline;

import io.mlci.core.run.TrainOptions;

import java.util.List;

/**
 * What {@code mlci repro} is asked to do.
 *
 * @param targets    stages, groups or pipeline files; empty = every stage
 * @param dryRun     say what would run, change nothing
 * @param force      run the selected stages even when unchanged or cached
 * @param downstream the targets and every stage that depends on them (not their upstream)
 * @param single     only the targets, not their upstream
 * @param pull       fetch missing tracked data from the remote first
 * @param run        store, executor, environment, data and console settings, shared with {@code mlci train}
 */
public record ReproOptions(List<String> targets, boolean dryRun, boolean force, boolean downstream, boolean single,
                           boolean pull, TrainOptions run) {

    public ReproOptions {
        targets = List.copyOf(targets);
    }

    public static ReproOptions all(TrainOptions run) {
        return new ReproOptions(List.of(), false, false, false, false, false, run);
    }
}
