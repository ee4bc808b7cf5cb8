package io.mlci.core.run;

import io.mlci.core.MlciException;
import io.mlci.core.data.workspace.DataWorkspace;
import io.mlci.core.run.cost.Money;
import io.mlci.core.run.cost.Prices;
import io.mlci.core.run.cost.ResourceMeter;
import io.mlci.core.run.cost.Trainings;
import io.mlci.core.run.env.EnvironmentProbe;
import io.mlci.core.run.outputs.OutputPublisher;
import io.mlci.core.run.record.Resources;
import io.mlci.core.run.record.RunIds;
import io.mlci.core.run.record.RunRecord;
import io.mlci.core.run.record.RunStatus;
import io.mlci.core.run.store.RunStore;
import io.mlci.core.storage.BlobStore;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The run cache: when a run with the same key already succeeded, restore its outputs instead of
 * training, and record a {@link RunStatus#REUSED} run for this build — so that "newest run on
 * this branch" stays true even when the branch's latest commit trained nothing new.
 */
final class RunReuse {

    private final DataWorkspace data;
    private final RunStore store;
    private final BlobStore artifacts;
    private final Consumer<String> say;

    RunReuse(DataWorkspace data, RunStore store, BlobStore artifacts, Consumer<String> say) {
        this.data = data;
        this.store = store;
        this.artifacts = artifacts;
        this.say = say;
    }

    /**
     * @param meter  measures this invocation: the restore is its data fetch
     * @param prices prices this machine, and the reused run when it recorded no cost
     * @param probe  asks what instance this is
     */
    Optional<TrainOutcome> reuse(PreparedRun run, ResourceMeter meter, Prices prices, EnvironmentProbe probe) {
        Optional<RunRecord> found = store.newestSucceeded(run.key().value());
        if (found.isEmpty()) {
            say.accept("no earlier run with this key in " + store.describe() + "; training");
            return Optional.empty();
        }
        RunRecord original = found.get();
        long fetchStart = System.nanoTime();
        try {
            data.restore(OutputPublisher.asPointers(original.outputs()), artifacts);
        } catch (MlciException | UncheckedIOException e) {
            say.accept("run " + original.id() + " had the same inputs, but its outputs cannot be restored ("
                    + e.getMessage() + "); training again");
            return Optional.empty();
        }
        meter.dataFetch(Duration.ofNanos(System.nanoTime() - fetchStart));
        Resources.Training saved = Trainings.of(original);
        if (saved.cost() == null) {
            saved = Trainings.priced(saved, prices);
        }
        Instant now = Instant.now();
        Resources resources = meter.finish(now, probe.instance(), List.of(), prices, saved);
        RunRecord record = RunRecord.builder(RunIds.next(now), original.runKey(), run.source())
                .status(RunStatus.REUSED).reusedFrom(original.id())
                .times(now.toString(), now.toString(), original.durationSeconds())
                .exit(original.exitCode(), 0)
                .execution(original.command(), original.image(), original.imageDigest(), original.environment())
                .gpus(original.gpus())
                .params(original.params(), original.paramsFiles())
                .inputs(run.data(), original.code(), original.env())
                .outputs(original.outputs()).metrics(original.metrics())
                .message("identical to run " + original.id() + "; its outputs were restored instead of training")
                .resources(resources).build();
        store.save(record, null);
        say.accept("skipped: identical to run " + original.id() + " (" + describe(original) + "); restored "
                + original.outputs().size() + " output(s), saved " + human(original.durationSeconds()) + " of training"
                + (saved.cost() == null ? "" : " (" + Money.format(saved.cost().estimate(), saved.cost().currency()) + ")"));
        return Optional.of(new TrainOutcome(record, original, store.describe()));
    }

    private static String describe(RunRecord run) {
        String branch = run.source().branch() != null ? run.source().branch() + ", " : "";
        String commit = run.source().commit() != null ? run.source().commit().substring(0, 10) + ", " : "";
        return branch + commit + "finished " + run.finishedAt();
    }

    static String human(double seconds) {
        Duration duration = Duration.ofMillis((long) (seconds * 1000));
        if (duration.toHours() > 0) {
            return duration.toHours() + " h " + duration.toMinutesPart() + " min";
        }
        if (duration.toMinutes() > 0) {
            return duration.toMinutes() + " min " + duration.toSecondsPart() + " s";
        }
        return String.format(java.util.Locale.ROOT, "%.1f s", seconds);
    }
}
