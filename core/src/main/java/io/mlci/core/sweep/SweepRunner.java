package io.mlci.core.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlci.core.InvalidInputException;
import io.mlci.core.MlciException;
import io.mlci.core.config.MlciConfig;
import io.mlci.core.config.MlciYaml;
import io.mlci.core.data.workspace.DataWorkspace;
import io.mlci.core.run.TrainOptions;
import io.mlci.core.run.TrainOutcome;
import io.mlci.core.run.Trainer;
import io.mlci.core.run.params.ParamsFiles;
import io.mlci.core.run.record.RunIds;
import io.mlci.core.run.record.RunRecord;
import io.mlci.core.run.store.RunStore;
import io.mlci.core.run.store.RunStores;
import io.mlci.core.storage.FileTrees;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code mlci sweep run}: trains every trial of the repository's sweep (or ablation) as an
 * ordinary run, at most N at once, each in its own workspace; trials identical to earlier runs are
 * reused by run key like any training. Writes the sweep record and names the best trial.
 */
public final class SweepRunner {

    private final Path root;
    private final TrainOptions options;
    private final Map<String, Trainer> running = new ConcurrentHashMap<>();
    private volatile boolean stopped;

    public SweepRunner(Path root, TrainOptions options) {
        this.root = root.toAbsolutePath().normalize();
        this.options = options;
    }

    /**
     * What a run is asked to do.
     *
     * @param spec a sweep given outside mlci.yaml (a Jenkins step's {@code sweep:} map as JSON); null = mlci.yaml's
     */
    public record Request(boolean ablation, String spec, int parallel, Path workDir, boolean keepWorkspaces) {
    }

    /** The plan: which study, its objective and its trials, computed without training. */
    public StudyPlan plan(boolean ablation) {
        return plan(ablation, null);
    }

    /** @param spec a sweep section as YAML or JSON text that replaces mlci.yaml's; null = mlci.yaml's */
    public StudyPlan plan(boolean ablation, String spec) {
        return plan(ablation, spec, MlciYaml.load(root));
    }

    private StudyPlan plan(boolean ablation, String spec, MlciConfig config) {
        Study declared = StudyYaml.load(root);
        Study study = spec == null ? declared : new Study(StudyYaml.parseSweep("--spec", spec), declared.ablation());
        if (spec != null && ablation) {
            throw new InvalidInputException("--spec", null, "gives a sweep; an ablation is read from mlci.yaml");
        }
        if (ablation || study.sweep() == null) {
            if (study.ablation() == null) {
                throw new InvalidInputException(MlciYaml.FILE_NAME, ablation ? "ablation" : "sweep",
                        ablation ? "declares no ablation; add ablation: {features: [...]}"
                                : "declares no sweep; add sweep: {params: {...}, objective: {metric: ..., goal: max}}");
            }
            Objective objective = study.ablationObjective();
            if (objective == null) {
                throw new InvalidInputException(MlciYaml.FILE_NAME, "ablation.objective",
                        "is missing; an ablation needs an objective, e.g. {metric: auc, goal: max}");
            }
            return new StudyPlan("ablation", objective, "leave-one-out", null, study.ablation().maxParallel(), null,
                    TrialPlanner.ablation(study.ablation(), ParamsFiles.load(root, config.train().params())));
        }
        SweepSpec sweep = study.sweep();
        return new StudyPlan("sweep", sweep.objective(), sweep.strategy().name().toLowerCase(),
                sweep.strategy() == SweepSpec.Strategy.RANDOM ? sweep.seed() : null, sweep.maxParallel(),
                sweep.earlyStop(), TrialPlanner.sweep(sweep));
    }

    /** Stops every running trial (an aborted build); each is recorded as killed. */
    public void stop() {
        stopped = true;
        running.values().forEach(Trainer::stop);
    }

    public SweepRecord run(Request request) {
        MlciConfig config = MlciYaml.load(root);
        StudyPlan plan = plan(request.ablation(), request.spec(), config);
        TrialWorkspace workspaces = TrialWorkspace.of(root);
        String location = workspaces.store(RunStores.locate(options.store(), config.store(), options.environment()));
        Path cacheDir;
        try (DataWorkspace data = DataWorkspace.open(root, options.data())) {
            cacheDir = data.cache().cacheDir();
        }
        String id = RunIds.next(Instant.now());
        Path workDir = workDir(request, id);
        int parallel = Math.max(1, request.parallel() > 0 ? request.parallel() : plan.maxParallel());
        options.say().accept(plan.kind() + " " + id + ": " + plan.trials().size() + " trials, " + parallel
                + " at once, objective " + plan.objective().metric() + " (" + plan.objective().goal().word() + ")");
        MedianStoppingRule stopping = plan.earlyStop() == null ? null
                : new MedianStoppingRule(plan.earlyStop(), plan.objective().goal());
        TrainOptions trialOptions = options.withStore(location);
        List<TrialResult> results = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(parallel, runnable -> {
            Thread thread = new Thread(runnable, "mlci-trial");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<TrialResult>> futures = new ArrayList<>();
            for (Trial trial : plan.trials()) {
                futures.add(pool.submit(() -> runTrial(trial, plan, workspaces, workDir, cacheDir, trialOptions,
                        stopping, request.keepWorkspaces())));
            }
            for (Future<TrialResult> future : futures) {
                results.add(join(future));
            }
        } finally {
            pool.shutdownNow();
            if (!request.keepWorkspaces() && request.workDir() == null) {
                FileTrees.deleteQuietly(workDir);
            }
        }
        try (RunStore store = RunStores.open(location, root, options.environment())) {
            SweepRecord record = SweepResults.record(id, plan, workspaces.commit(), workspaces.branch(), results);
            new SweepStore(store).save(record);
            options.say().accept(plan.kind() + " " + id + " recorded in " + store.describe()
                    + (record.best() == null ? "; no trial completed with " + plan.objective().metric()
                    : "; best trial " + record.best() + " (run " + record.bestRun() + ")"));
            return record;
        }
    }

    private TrialResult runTrial(Trial trial, StudyPlan plan, TrialWorkspace workspaces, Path workDir, Path cacheDir,
                                 TrainOptions trialOptions, MedianStoppingRule stopping, boolean keep) {
        String prefix = "[" + trial.name() + "] ";
        if (stopped) {
            return TrialResult.withoutRun(trial, "killed", "the sweep was stopped before this trial started");
        }
        Path dir = workDir.resolve(trial.name());
        try {
            options.say().accept(prefix + trial.describe());
            Path checkout = workspaces.create(trial, dir, options.data(), cacheDir);
            EarlyStopSink sink = new EarlyStopSink(trial.name(), stopping, options.trainOutput(), prefix);
            Trainer trainer = new Trainer(checkout, trialOptions.withOutput(line -> options.say().accept(prefix + line), sink));
            sink.onStop(trainer::stop);
            running.put(trial.name(), trainer);
            if (stopped) {
                trainer.stop();
            }
            TrainOutcome outcome;
            try {
                outcome = trainer.train();
            } finally {
                running.remove(trial.name());
            }
            RunRecord run = outcome.record();
            if (run.status().hasOutputs() && stopping != null) {
                if (outcome.skipped()) {
                    try (RunStore store = RunStores.open(trialOptions.store(), root, options.environment())) {
                        stopping.finished(trial.name(), LoggedHistory.of(store, outcome.original().id(), stopping.metric()));
                    } catch (MlciException e) {
                        // the trial is reused all the same; the median only lacks its history
                        options.say().accept(prefix + "warning: " + e.getMessage());
                    }
                } else {
                    stopping.finished(trial.name());
                }
            }
            return TrialResult.ofRun(trial, run, plan.objective(), sink.stoppedEarly());
        } catch (MlciException e) {
            options.say().accept(prefix + "error: " + e.getMessage());
            return TrialResult.withoutRun(trial, "error", e.getMessage());
        } finally {
            if (!keep) {
                FileTrees.deleteQuietly(dir);
            }
        }
    }

    static Double objectiveOf(RunRecord run, Objective objective) {
        JsonNode value = run.metrics().get(objective.metric());
        return value != null && value.isNumber() ? value.doubleValue() : null;
    }

    private static Path workDir(Request request, String id) {
        try {
            if (request.workDir() != null) {
                Path dir = request.workDir().toAbsolutePath().normalize().resolve(id);
                Files.createDirectories(dir);
                return dir;
            }
            return Files.createTempDirectory("mlci-sweep-");
        } catch (IOException e) {
            throw new MlciException("cannot create the trials' directory: " + e.getMessage(), e);
        }
    }

    private static TrialResult join(Future<TrialResult> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MlciException("interrupted while trials were running", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new MlciException("a trial failed: " + e.getCause(), e.getCause());
        }
    }
}
