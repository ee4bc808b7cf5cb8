package io.mlci.core.run;

import io.mlci.core.data.pointer.RepoPaths;
import io.mlci.core.run.cost.Prices;
import io.mlci.core.run.cost.ResourceMeter;
import io.mlci.core.run.env.Ec2Instance;
import io.mlci.core.run.exec.ExecutionResult;
import io.mlci.core.run.lease.ProcessOwner;
import io.mlci.core.run.lease.RunKeyLeases;
import io.mlci.core.run.record.Orphaned;
import io.mlci.core.run.record.Resources;
import io.mlci.core.run.record.RunIds;
import io.mlci.core.run.record.RunRecord;
import io.mlci.core.run.store.RunStore;
import io.mlci.core.storage.AtomicFiles;
import io.mlci.core.storage.FileTrees;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Finds the trainings whose mlci was killed (SIGKILL, the out-of-memory killer, a lost agent)
 * before it could record them, and deals with what they left: each is recorded as {@code killed}
 * with when it started and was last seen (so no training time vanishes without a trace), then
 * its scratch directory, the temporary files its writes left in the run store and in the
 * checkpoint directory, and its lease on the run key are removed.
 *
 * <p>Only the leftovers of an owner known to be gone are touched: on this machine, its pid no
 * longer runs with the start time it had; from another machine (or another boot, or another pid
 * namespace), its heartbeat has been silent for {@link #FOREIGN_SILENCE}. A live training's
 * directory, in this workspace or beside it, is never touched.
 */
final class OrphanedRuns {

    /** How long the heartbeat of an owner whose pid cannot be looked up here must be silent. */
    static final Duration FOREIGN_SILENCE = Duration.ofHours(1);

    private final Path root;
    private final RunStore store;
    private final Prices prices;
    private final Duration leaseTtl;
    private final Consumer<String> say;

    OrphanedRuns(Path root, RunStore store, Prices prices, Duration leaseTtl, Consumer<String> say) {
        this.root = root;
        this.store = store;
        this.prices = prices;
        this.leaseTtl = leaseTtl;
        this.say = say;
    }

    /** Records and cleans every orphaned training of this workspace; returns the ids recorded as killed. */
    List<String> sweep() {
        Path scratch = RunWorkdir.scratchRoot(root);
        List<String> recorded = new ArrayList<>();
        if (!Files.isDirectory(scratch, LinkOption.NOFOLLOW_LINKS)) {
            return recorded;
        }
        AtomicFiles.removeStaleTemporaries(scratch); // a scratch directory being made when mlci was killed
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(scratch,
                entry -> RunIds.isValid(entry.getFileName().toString())
                        && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS))) {
            for (Path dir : entries) {
                Optional<WorkdirOwner> owner = WorkdirOwner.readFrom(dir);
                if (owner.isPresent() && owner.get().run().id().equals(dir.getFileName().toString())) {
                    Instant lastSeen = lastSeen(dir);
                    if (isGone(owner.get().owner(), lastSeen) && recover(dir, owner.get(), lastSeen)) {
                        recorded.add(owner.get().run().id());
                    }
                }
            }
        } catch (IOException e) {
            say.accept("could not look for killed runs' leftovers in " + scratch + ": " + e.getMessage());
        }
        return recorded;
    }

    private static boolean isGone(ProcessOwner owner, Instant lastSeen) {
        if (owner.isOnThisMachine()) {
            return owner.isGone();
        }
        return Duration.between(lastSeen, Instant.now()).compareTo(FOREIGN_SILENCE) > 0;
    }

    /** Records the run if its store is this one and it is not recorded yet, then cleans up; false when left alone. */
    private boolean recover(Path dir, WorkdirOwner owner, Instant lastSeen) {
        RunRecord draft = owner.run();
        if (!owner.store().equals(store.describe())) {
            // its record belongs in another store: a run using that store records it
            say.accept("run " + draft.id() + " was killed before it was recorded; its record belongs in " + owner.store()
                    + ", not in " + store.describe() + ": its scratch directory " + RepoPaths.posix(root, dir)
                    + " is left for a run recording there");
            return false;
        }
        boolean record = store.find(draft.id()).isEmpty(); // else mlci was killed after recording, before cleaning up
        if (record) {
            Orphaned found = new Orphaned(owner.owner().describe(), lastSeen.toString(), Instant.now().toString(),
                    "mlci train (" + ProcessOwner.current().describe() + ")", false);
            String message = "mlci (" + owner.owner().describe() + ") stopped without recording this run: it was killed "
                    + "(SIGKILL, out of memory, a lost agent) or ended by an error; last seen at " + lastSeen
                    + "; found by a later run at " + found.foundAt() + "; whatever it wrote was not kept as outputs";
            Path log = dir.resolve("train.log");
            store.save(draft.asOrphaned(found, message, used(draft, lastSeen)),
                    Files.isRegularFile(log, LinkOption.NOFOLLOW_LINKS) ? log : null);
        }
        int temporaries = removeTemporaries(owner, lastSeen);
        releaseLease(owner);
        FileTrees.deleteQuietly(dir);
        say.accept("run " + draft.id() + " (started " + draft.startedAt() + " by " + owner.owner().describe()
                + ", last seen " + lastSeen + ") was left unrecorded by a killed mlci: "
                + (record ? "recorded as killed" : "it was recorded already") + "; removed its scratch directory"
                + (temporaries > 0 ? " and " + temporaries + " temporary file(s) of its unfinished writes" : ""));
        return record;
    }

    /** The training time until the owner was last seen, priced like any run's. */
    private Resources used(RunRecord draft, Instant lastSeen) {
        Instant started;
        try {
            started = Instant.parse(draft.startedAt());
        } catch (RuntimeException e) {
            return draft.resources();
        }
        ResourceMeter meter = new ResourceMeter(started);
        Duration trained = Duration.between(started, lastSeen);
        meter.attempt(new ExecutionResult(-1, ExecutionResult.Outcome.KILLED, trained.isNegative() ? Duration.ZERO : trained),
                "mlci was killed");
        Resources atStart = draft.resources();
        Optional<Ec2Instance> instance = atStart == null || atStart.instanceType() == null ? Optional.empty()
                : Optional.of(new Ec2Instance(atStart.instanceType(), atStart.lifecycle(), atStart.region()));
        return meter.finish(lastSeen, instance, draft.environment() != null ? draft.environment().gpus() : List.of(),
                prices, null);
    }

    /** Temporaries named with the dead owner's pid, in the store (a local one) and the checkpoint directory. */
    private int removeTemporaries(WorkdirOwner owner, Instant lastSeen) {
        if (!owner.owner().isOnThisMachine()) {
            return 0; // its pid means nothing here
        }
        long pid = owner.owner().pid();
        int removed = store.localDirectory().map(dir -> AtomicFiles.removeTemporariesOf(dir, pid, lastSeen)).orElse(0);
        if (owner.checkpoints() != null) {
            Path checkpoints = root.resolve(owner.checkpoints()).normalize();
            if (checkpoints.startsWith(root) && !checkpoints.equals(root)) {
                removed += AtomicFiles.removeTemporariesOf(checkpoints, pid, lastSeen);
            }
        }
        return removed;
    }

    private void releaseLease(WorkdirOwner owner) {
        try {
            new RunKeyLeases(store.blobs(), leaseTtl, say).releaseAbandoned(owner.run().runKey(), owner.run().id(),
                    owner.owner());
        } catch (RuntimeException e) {
            say.accept("could not remove the lease of killed run " + owner.run().id() + " (the next training of its "
                    + "run key takes it over): " + e.getMessage());
        }
    }

    /** The newest write into the scratch directory (its log, its owner file's heartbeat), never later than now. */
    private static Instant lastSeen(Path dir) throws IOException {
        Instant newest = Instant.EPOCH;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                Instant modified;
                try {
                    modified = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                            .lastModifiedTime().toInstant();
                } catch (IOException e) {
                    continue; // removed meanwhile
                }
                if (modified.isAfter(newest)) {
                    newest = modified;
                }
            }
        }
        Instant now = Instant.now();
        return newest.isAfter(now) ? now : newest;
    }
}
