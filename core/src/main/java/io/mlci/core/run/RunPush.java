package io.mlci.core.run;

import io.mlci.core.InvalidInputException;
import io.mlci.core.MlciException;
import io.mlci.core.config.MlciConfig;
import io.mlci.core.config.MlciYaml;
import io.mlci.core.data.workspace.DataWorkspace;
import io.mlci.core.run.outputs.OutputPublisher;
import io.mlci.core.run.record.RunFailure;
import io.mlci.core.run.record.RunIds;
import io.mlci.core.run.record.RunRecord;
import io.mlci.core.run.record.RunStatus;
import io.mlci.core.run.store.RunStore;
import io.mlci.core.run.store.RunStores;
import io.mlci.core.storage.BlobNotFoundException;
import io.mlci.core.storage.BlobStore;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code mlci runs push RUN}: finishes a training whose outputs could not be uploaded. The
 * failed record stays as it was (records are immutable); the outputs it names are uploaded from
 * this machine's cache and a succeeded run that {@code completes} it is recorded, with the
 * training's own times, params, metrics and log. Pushing again finds that run instead of adding
 * another.
 */
public final class RunPush {

    private final Path root;
    private final TrainOptions options;

    public RunPush(Path root, TrainOptions options) {
        this.root = root.toAbsolutePath().normalize();
        this.options = options;
    }

    public TrainOutcome push(String runId) {
        MlciConfig config = MlciYaml.load(root);
        try (DataWorkspace data = DataWorkspace.open(root, options.data());
             RunStore store = RunStores.open(RunStores.locate(options.store(), config.store(), options.environment()), root,
                     options.environment())) {
            RunRecord failed = store.get(runId);
            if (failed.failure() == null || !failed.failure().isUpload()) {
                throw new InvalidInputException(failed.id(), null, "is a " + failed.status().label()
                        + " run whose outputs were not left waiting for an upload; 'mlci runs push' finishes only runs "
                        + "recorded as failed with reason '" + RunFailure.UPLOAD + "'");
            }
            Optional<RunRecord> done = completion(store, failed);
            if (done.isPresent()) {
                options.say().accept("run " + failed.id() + " was already pushed as run " + done.get().id());
                return new TrainOutcome(done.get(), null, store.describe());
            }
            try (BlobStore artifacts = Trainer.artifactStore(data, config, store)) {
                try {
                    new OutputPublisher(root, data.cache(), data.transfer(artifacts)).upload(failed.failure().cachedOutputs());
                } catch (io.mlci.core.IntegrityException e) {
                    throw new MlciException("the outputs of run " + failed.id() + " are not (intact) in the cache "
                            + data.cache().cacheDir() + ": push from the machine that trained it (" + e.getMessage() + ")", e);
                }
                options.say().accept("uploaded " + failed.failure().cachedOutputs().size() + " output(s) of run "
                        + failed.id() + " to " + artifacts.describe());
            }
            RunRecord completed = completed(failed);
            store.save(completed, log(store, failed.id()));
            options.say().accept("run " + completed.id() + " succeeded: it completes run " + failed.id()
                    + "; recorded in " + store.describe());
            return new TrainOutcome(completed, null, store.describe());
        }
    }

    /** A succeeded run already recorded for this failed one (pushed earlier, perhaps from another shell). */
    private static Optional<RunRecord> completion(RunStore store, RunRecord failed) {
        return store.succeededRuns(failed.runKey()).stream()
                .filter(run -> failed.id().equals(run.completes())).findFirst();
    }

    private static RunRecord completed(RunRecord failed) {
        return RunRecord.builder(RunIds.next(Instant.now()), failed.runKey(), failed.source())
                .status(RunStatus.SUCCEEDED).completes(failed.id())
                .times(failed.startedAt(), failed.finishedAt(), failed.durationSeconds())
                .exit(failed.exitCode(), failed.attempts())
                .execution(failed.command(), failed.image(), failed.imageDigest(), failed.environment())
                .params(failed.params(), failed.paramsFiles())
                .inputs(failed.data(), failed.code(), failed.env())
                .outputs(failed.failure().cachedOutputs()).metrics(failed.metrics())
                .message("trained as run " + failed.id() + ", whose upload failed; its outputs were uploaded by 'mlci runs push'")
                // the training it stands for, so a run that reuses it knows what that saved; cost
                // totals count the money once, on the failed run that spent it
                .resources(failed.resources())
                .build();
    }

    /** The failed run's training log, copied to a temporary file for the new record; null if it has none. */
    private static Path log(RunStore store, String runId) {
        try (InputStream in = store.openLog(runId)) {
            Path copy = Files.createTempFile("mlci-log", ".log");
            copy.toFile().deleteOnExit();
            Files.copy(in, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return copy;
        } catch (BlobNotFoundException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the log of run " + runId, e);
        }
    }
}
