package io.mlci.core.run;

import io.mlci.core.MlciException;
import io.mlci.core.config.MlciConfig;
import io.mlci.core.config.MlciYaml;
import io.mlci.core.data.transfer.Transfer;
import io.mlci.core.data.workspace.DataWorkspace;
import io.mlci.core.metrics.MetricsFiles;
import io.mlci.core.run.checkpoint.CheckpointSync;
import io.mlci.core.run.cost.Prices;
import io.mlci.core.run.cost.ResourceMeter;
import io.mlci.core.run.env.EnvironmentProbe;
import io.mlci.core.run.exec.ExecutionRequest;
import io.mlci.core.run.exec.ExecutionResult;
import io.mlci.core.run.lease.RunKeyLease;
import io.mlci.core.run.lease.RunKeyLeases;
import io.mlci.core.run.outputs.OutputPublisher;
import io.mlci.core.run.record.GpuUse;
import io.mlci.core.run.record.OutputFile;
import io.mlci.core.run.record.RunEnvironment;
import io.mlci.core.run.record.RunFailure;
import io.mlci.core.run.record.RunIds;
import io.mlci.core.run.record.RunRecord;
import io.mlci.core.run.record.RunStatus;
import io.mlci.core.run.store.RunStore;
import io.mlci.core.run.store.RunStores;
import io.mlci.core.storage.BlobStore;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code mlci train}: works out what determines the training, skips it when an identical run
 * already succeeded (restoring that run's outputs), else runs it with checkpoints kept on the
 * remote, publishes its outputs and records it. The API the CLI and the Jenkins step call.
 */
public final class Trainer {

    private final Path root;
    private final TrainOptions options;
    private volatile boolean stopRequested;
    private volatile String stopReason;
    private volatile io.mlci.core.run.exec.Executor running;

    public Trainer(Path root, TrainOptions options) {
        this.root = root.toAbsolutePath().normalize();
        this.options = options;
    }

    /**
     * Stops a training in progress (SIGTERM, then SIGKILL): it is then recorded as killed.
     * Meant for a shutdown hook when the build is aborted; safe from any thread.
     */
    public void stop() {
        stop(null);
    }

    /** Stops the training as {@link #stop()} does; the record gives {@code reason} as its message. */
    public void stop(String reason) {
        stopReason = reason;
        stopRequested = true;
        io.mlci.core.run.exec.Executor executor = running;
        if (executor != null) {
            executor.stop();
        }
    }

    /**
     * Works out the run key and whether an earlier run would be reused, without training or
     * writing anything ({@code mlci train --dry-run}).
     */
    public TrainPlan plan() {
        MlciConfig config = PullRequestTraining.effective(root, MlciYaml.load(root), options.environment(), options.say());
        try (DataWorkspace data = DataWorkspace.open(root, options.data());
             RunStore store = RunStores.open(RunStores.locate(options.store(), config.store(), options.environment()), root,
                     options.environment())) {
            PreparedRun run = new RunPreparation(root, options).prepare(config, data);
            Optional<RunRecord> reusable = options.force() ? Optional.empty() : store.newestSucceeded(run.key().value());
            return new TrainPlan(run.key(), run.inputs(), reusable.orElse(null));
        }
    }

    public TrainOutcome train() {
        ResourceMeter meter = new ResourceMeter(Instant.now());
        MlciConfig config = PullRequestTraining.effective(root, MlciYaml.load(root), options.environment(), options.say());
        Prices prices = Prices.of(config, options.environment());
        try (DataWorkspace data = DataWorkspace.open(root, options.data());
             RunStore store = RunStores.open(RunStores.locate(options.store(), config.store(), options.environment()), root,
                     options.environment())) {
            PreparedRun run = new RunPreparation(root, options).prepare(config, data);
            if (run.imagePull() != null) {
                meter.imagePull(run.imagePull());
            }
            store.checkWritable();
            recordKilledRuns(store, prices);
            options.say().accept("run key " + run.key().shortForm() + " (command, "
                    + (run.inputs().image().isEmpty() ? "" : "image, ") + run.params().values().size() + " params, "
                    + run.data().size() + " data inputs, " + run.inputs().code().size() + " code paths, "
                    + run.inputs().env().size() + " env)");
            try (BlobStore artifacts = artifactStore(data, config, store)) {
                RunReuse reuse = new RunReuse(data, store, artifacts, options.say());
                EnvironmentProbe probe = new EnvironmentProbe(options.environment(), options.mlciVersion());
                if (!options.force()) {
                    Optional<TrainOutcome> reused = reuse.reuse(run, meter, prices, probe);
                    if (reused.isPresent()) {
                        return reused.get();
                    }
                } else {
                    options.say().accept("--force: training even if an identical run exists");
                }
                String id = RunIds.next(Instant.now());
                // one training per run key at a time: two builds of one commit must not write one checkpoint prefix
                try (RunKeyLease lease = new RunKeyLeases(store.blobs(), RunKeyLeases.ttl(options.environment()),
                        options.say()).acquire(run.key().value(), id, () -> stopRequested)) {
                    if (lease.waited() && !options.force()) {
                        Optional<TrainOutcome> reused = reuse.reuse(run, meter, prices, probe);
                        if (reused.isPresent()) {
                            return reused.get();
                        }
                        options.say().accept("the training it waited for left no successful run; training now");
                    }
                    return execute(run, id, lease, data, store, artifacts, meter, prices);
                }
            }
        }
    }

    /**
     * A training whose mlci was killed left its scratch directory and no record: record it as
     * killed and remove what it left, before anything else happens in the workspace. Never a
     * reason not to train.
     */
    private void recordKilledRuns(RunStore store, Prices prices) {
        try {
            new OrphanedRuns(root, store, prices, RunKeyLeases.ttl(options.environment()), options.say()).sweep();
        } catch (MlciException | UncheckedIOException e) {
            options.say().accept("could not record or clean up after a killed training: " + e.getMessage());
        }
    }

    /**
     * The executor a training with these options would run in (a local process, or a container of
     * {@code train.image}); pipeline stages run through it too.
     */
    public static io.mlci.core.run.exec.Executor executorFor(Path root, TrainOptions options,
                                                             io.mlci.core.config.TrainConfig train) {
        return new RunPreparation(root.toAbsolutePath().normalize(), options).executor(train);
    }

    /**
     * Prepares the executor (pulls the image) and returns the digest of the image the command will
     * run in. When mlci itself already runs inside {@code train.image} (a local executor) that is
     * the digest the library pulled and passes in {@code MLCI_IMAGE_DIGEST}. Null without an image,
     * or when it cannot be known.
     */
    public static String prepareImage(io.mlci.core.run.exec.Executor executor, io.mlci.core.config.TrainConfig train,
                                      java.util.Map<String, String> environment) {
        String digest = executor.prepare();
        return digest == null && train.image() != null ? environment.get(RunPreparation.IMAGE_DIGEST_VARIABLE) : digest;
    }

    /** Outputs and checkpoints go to the data remote when there is one, else into the run store. */
    public static BlobStore artifactStore(DataWorkspace data, MlciConfig config, RunStore store) {
        return data.openRemote(config.data().remote()).orElseGet(store::objects);
    }

    private TrainOutcome execute(PreparedRun run, String id, RunKeyLease lease, DataWorkspace data, RunStore store,
                                 BlobStore artifacts, ResourceMeter meter, Prices prices) {
        GpuUse gpus = run.executor().gpus();
        Instant started = Instant.now();
        EnvironmentProbe probe = new EnvironmentProbe(options.environment(), options.mlciVersion());
        RunEnvironment environment = probe.probe(run.imageDigest() != null);
        RunRecord.Builder record = RunRecord.builder(id, run.key().value(), run.source())
                .execution(run.inputs().command(), run.config().train().image(), run.imageDigest(), environment)
                .gpus(gpus)
                .params(run.params().values(), run.params().files())
                .inputs(run.data(), run.inputs().code(), run.inputs().env());
        // what a later run records if this mlci is killed before it records the run itself
        RunRecord ifKilled = record.status(RunStatus.KILLED).times(started.toString(), null, 0).exit(null, 1)
                .resources(meter.finish(started, probe.instance(), environment.gpus(), prices, null)).build();
        var checkpointConfig = run.config().train().checkpoints();
        try (RunWorkdir workdir = RunWorkdir.create(root, new WorkdirOwner(io.mlci.core.run.lease.ProcessOwner.current(),
                store.describe(), checkpointConfig == null ? null : checkpointConfig.path(), ifKilled))) {
            return train(run, new Started(id, record, workdir, started, probe, environment), lease, data, store, artifacts,
                    meter, prices);
        }
    }

    /** A training under way: its id, its record so far, its scratch directory, and what was probed at its start. */
    private record Started(String id, RunRecord.Builder record, RunWorkdir workdir, Instant at, EnvironmentProbe probe,
                           RunEnvironment environment) {
    }

    private TrainOutcome train(PreparedRun run, Started training, RunKeyLease lease, DataWorkspace data, RunStore store,
                               BlobStore artifacts, ResourceMeter meter, Prices prices) {
        String id = training.id();
        RunRecord.Builder record = training.record();
        RunWorkdir workdir = training.workdir();
        Instant started = training.at();
        EnvironmentProbe probe = training.probe();
        RunEnvironment environment = training.environment();
        Transfer transfer = data.transfer(artifacts);
        OutputPublisher publisher = new OutputPublisher(root, data.cache(), transfer);
        List<String> stale = publisher.removeStale(run.config().train().outputs(), resultFiles(run.config()));
        if (!stale.isEmpty()) {
            options.say().accept("removed the earlier " + String.join(", ", stale) + " before training");
        }
        long fetchStart = System.nanoTime();
        CheckpointSync checkpoints = checkpoints(run, data, transfer, store, lease);
        if (checkpoints != null) {
            meter.dataFetch(Duration.ofNanos(System.nanoTime() - fetchStart));
        }
        options.say().accept("training run " + id + " with " + run.executor().describe());
        Attempts attempts = runAttempts(run, id, workdir);
        record.nodes(run.executor().nodes());
        attempts.results.forEach(result -> meter.attempt(result, Attempts.reason(result)));
        RunStatus status = statusOf(attempts.last());
        String message = stopRequested && stopReason != null ? stopReason : attempts.message();
        RunFailure failure = status == RunStatus.FAILED ? RunFailure.of(RunFailure.COMMAND) : null;
        List<OutputFile> outputs = List.of();
        if (status == RunStatus.SUCCEEDED) {
            List<OutputFile> cached = null;
            long uploadStart = System.nanoTime();
            try {
                record.metrics(MetricsFiles.read(root, run.config().metrics().files()));
                cached = publisher.cache(run.config().train().outputs(), resultFiles(run.config()));
            } catch (MlciException | UncheckedIOException e) {
                status = RunStatus.FAILED;
                failure = RunFailure.of(RunFailure.OUTPUTS);
                message = e.getMessage();
            }
            if (cached != null) {
                try {
                    publisher.upload(cached);
                    outputs = cached;
                } catch (MlciException | UncheckedIOException e) {
                    // hours of training must leave a trace and a way to finish: the record says what
                    // was produced, the local cache keeps it, and 'mlci runs push' completes the run
                    status = RunStatus.FAILED;
                    failure = new RunFailure(RunFailure.UPLOAD, cached);
                    message = "the training succeeded but uploading its outputs to " + artifacts.describe()
                            + " failed: " + e.getMessage() + "; the outputs are kept in the local cache: 'mlci runs push "
                            + id + "' uploads them and records the run";
                }
            }
            meter.upload(Duration.ofNanos(System.nanoTime() - uploadStart));
        }
        if (checkpoints != null) {
            checkpoints.finish(status == RunStatus.SUCCEEDED);
            checkpoints.close();
        }
        Instant finished = Instant.now();
        RunRecord done = record.status(status).outputs(outputs).message(message).failure(failure)
                .times(started.toString(), finished.toString(), Duration.between(started, finished).toMillis() / 1000.0)
                .exit(attempts.last().exitCode(), attempts.count())
                .resources(meter.finish(Instant.now(), probe.instance(), environment.gpus(), prices, null)).build();
        store.save(done, workdir.closeLog());
        workdir.delete();
        options.say().accept("run " + id + " " + status.label() + (message != null ? ": " + message : "")
                + "; recorded in " + store.describe());
        return new TrainOutcome(done, null, store.describe());
    }

    /** Metrics and predictions files: recorded with the outputs when the training wrote them. */
    private static List<String> resultFiles(MlciConfig config) {
        List<String> files = new java.util.ArrayList<>(config.metrics().files());
        if (config.metrics().predictions() != null) {
            files.add(config.metrics().predictions());
        }
        return files;
    }

    private CheckpointSync checkpoints(PreparedRun run, DataWorkspace data, Transfer transfer, RunStore store,
                                       RunKeyLease lease) {
        var config = run.config().train().checkpoints();
        if (config == null) {
            return null;
        }
        CheckpointSync sync = new CheckpointSync(root, root.resolve(config.path()), run.key().value(), data.cache(), transfer,
                store.checkpoints(run.key().value()), config.interval(), options.say()).writingWhile(lease::stillHeld);
        if (options.force()) {
            sync.startFresh();
        } else {
            sync.restore();
        }
        sync.start();
        return sync;
    }

    private Attempts runAttempts(PreparedRun run, String id, RunWorkdir workdir) {
        var train = run.config().train();
        Attempts attempts = new Attempts();
        running = run.executor();
        try {
            for (int attempt = 1; attempt <= train.retries() + 1 && !stopRequested; attempt++) {
                if (attempt > 1) {
                    options.say().accept("attempt " + (attempt - 1) + " " + attempts.last().outcome().name().toLowerCase()
                            + " (exit " + attempts.last().exitCode() + "); retrying, attempt " + attempt + " of "
                            + (train.retries() + 1));
                }
                ExecutionRequest request = new ExecutionRequest(id + "-" + attempt, train.command().processArguments(),
                        root, CommandEnvironment.of(run, id, workdir, root), train.timeout(), options.killGrace());
                attempts.add(run.executor().run(request, workdir.tee(options.trainOutput())));
                if (attempts.last().succeeded() || attempts.last().outcome() == ExecutionResult.Outcome.KILLED) {
                    break;
                }
            }
        } catch (UncheckedIOException e) {
            throw new MlciException("cannot write the training log: " + e.getMessage(), e);
        } finally {
            running = null;
        }
        if (attempts.count() == 0) {
            attempts.add(new ExecutionResult(-1, ExecutionResult.Outcome.KILLED, Duration.ZERO));
        }
        return attempts;
    }

    private RunStatus statusOf(ExecutionResult result) {
        if (stopRequested) {
            return RunStatus.KILLED;
        }
        return switch (result.outcome()) {
            case TIMED_OUT -> RunStatus.TIMED_OUT;
            case KILLED -> RunStatus.KILLED;
            case EXITED -> result.exitCode() == 0 ? RunStatus.SUCCEEDED : RunStatus.FAILED;
        };
    }

    /** The results of the attempts made, in order. */
    private static final class Attempts {
        private final java.util.List<ExecutionResult> results = new java.util.ArrayList<>();

        void add(ExecutionResult result) {
            results.add(result);
        }

        ExecutionResult last() {
            return results.get(results.size() - 1);
        }

        int count() {
            return results.size();
        }

        String message() {
            return last().succeeded() ? null : reason(last());
        }

        /** Why an attempt ended, in words. */
        static String reason(ExecutionResult result) {
            return switch (result.outcome()) {
                case TIMED_OUT -> "stopped after the timeout of " + result.elapsed().toSeconds() + " s";
                case KILLED -> "stopped by a signal (exit " + result.exitCode() + ")";
                case EXITED -> result.exitCode() == 0 ? "succeeded" : "the command exited with status " + result.exitCode()
                        + (result.exitCode() == 127 ? " (the shell found no such program: see the log)" : "");
            };
        }
    }
}
