package io.mlci.core.evaluate;

import io.mlci.core.run.code.TrustedTarget;
import io.mlci.core.gate.BaselineChoice;
import io.mlci.core.gate.BaselineInfo;
import io.mlci.core.run.record.RunRecord;
import io.mlci.core.run.store.RunQuery;
import io.mlci.core.run.store.RunStore;

import java.nio.file.Path;
import java.util.Optional;

/** Finds the run a candidate is compared with, and says why that one. */
final class BaselineFinder {

    /** The baseline, or none, with the reason either way. */
    record Found(RunRecord run, BaselineInfo info) {
    }

    private final RunStore store;
    private final Path root;
    private final TrustedTarget pinned;

    /** @param pinned the target as pinned for a pull request, or null: only runs of its history can be baselines */
    BaselineFinder(RunStore store, Path root, TrustedTarget pinned) {
        this.store = store;
        this.root = root;
        this.pinned = pinned;
    }

    Found find(BaselineChoice choice, RunRecord candidate, String target) {
        Found found = choose(choice, candidate, target);
        if (found.run() != null && trainingOf(found.run()).equals(trainingOf(candidate))) {
            return new Found(found.run(), found.info().asSameTraining());
        }
        return found;
    }

    /** The run whose training produced a run's outputs: itself, or for a reused run the one it restored. */
    private static String trainingOf(RunRecord run) {
        return run.reusedFrom() != null ? run.reusedFrom() : run.id();
    }

    private Found choose(BaselineChoice choice, RunRecord candidate, String target) {
        return switch (choice.kind()) {
            case NONE -> new Found(null, BaselineInfo.none("none (no comparison asked for)"));
            case RUN -> {
                RunRecord run = store.get(choice.runId());
                yield new Found(run, info(run, "the run named in the gate's baseline (run:" + choice.runId() + ")"));
            }
            case TARGET_BRANCH -> newestPassingBefore(candidate, target);
            case MERGE_BASE -> mergeBase(candidate, target);
        };
    }

    /**
     * The newest passing run of the target branch. When the candidate itself is on that branch,
     * only runs before it count: a run is not its own baseline.
     */
    private Found newestPassingBefore(RunRecord candidate, String target) {
        if (pinned == null) {
            return store.newestPassing(target, candidate.id())
                    .map(run -> new Found(run, info(run, "the newest passing run of " + target)))
                    .orElseGet(() -> new Found(null, BaselineInfo.none("no passing run of " + target + " in " + store.describe())));
        }
        String at = target + " at " + pinned.shortCommit();
        return store.newestPassing(target, candidate.id(), run -> pinned.contains(run.source().commit()))
                .map(run -> new Found(run, info(run, "the newest passing run of " + at + " or its history")))
                .orElseGet(() -> new Found(null, BaselineInfo.none("no passing run of " + at + " or its history in "
                        + store.describe())));
    }

    private Found mergeBase(RunRecord candidate, String target) {
        if (candidate.source().commit() == null) {
            return new Found(null, BaselineInfo.none("the candidate has no commit to find a merge base from"));
        }
        try (GitRevisions git = GitRevisions.open(root)) {
            Optional<String> targetCommit = pinned != null ? Optional.of(pinned.commit())
                    : git.resolve(target).map(GitRevisions.Revision::commit);
            if (targetCommit.isEmpty()) {
                return new Found(null, BaselineInfo.none("branch " + target + " is not in this clone; cannot find a merge base"));
            }
            Optional<String> base = git.mergeBase(candidate.source().commit(), targetCommit.get());
            // the build's clone computed it: with a pinned target, it counts only if the fetched target has it
            if (base.isEmpty() || (pinned != null && !pinned.contains(base.get()))) {
                return new Found(null, BaselineInfo.none("the candidate shares no history with " + target));
            }
            for (RunRecord run : store.records(new RunQuery(null, base.get(), null, 0))) {
                if (!run.id().equals(candidate.id()) && store.isPassing(run)) {
                    return new Found(run, info(run, "the run of the merge base " + base.get().substring(0, 10) + " with " + target));
                }
            }
            return new Found(null, BaselineInfo.none("no passing run of the merge base " + base.get().substring(0, 10)
                    + " with " + target));
        }
    }

    private static BaselineInfo info(RunRecord run, String reason) {
        return new BaselineInfo(run.id(), run.source().commit(), run.source().branch(), reason);
    }
}
