package io.mlci.core.pipeline;

import io.mlci.core.InvalidInputException;
import io.mlci.core.MlciException;
import io.mlci.core.config.MlciConfig;
import io.mlci.core.config.MlciYaml;
import io.mlci.core.data.pointer.RepoPaths;
import io.mlci.core.data.workspace.DataWorkspace;
import io.mlci.core.run.TrainOptions;
import io.mlci.core.run.Trainer;
import io.mlci.core.run.record.GpuUse;
import io.mlci.core.run.exec.ExecutionRequest;
import io.mlci.core.run.exec.ExecutionResult;
import io.mlci.core.run.exec.Executor;
import io.mlci.core.run.outputs.OutputPublisher;
import io.mlci.core.run.cost.Prices;
import io.mlci.core.run.env.EnvironmentProbe;
import io.mlci.core.run.record.OutputFile;
import io.mlci.core.run.record.Resources;
import io.mlci.core.run.record.RunEnvironment;
import io.mlci.core.run.record.RunIds;
import io.mlci.core.run.record.StageRun;
import io.mlci.core.run.store.RunStore;
import io.mlci.core.run.store.RunStores;
import io.mlci.core.storage.BlobStore;
import io.mlci.core.storage.FileTrees;
import io.mlci.core.storage.WorkspacePaths;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code mlci repro}: runs a repository's dvc.yaml pipelines as {@code dvc repro} does — the
 * selected stages in dependency order, each only when DVC's change rules say so — through the
 * same executors as {@code mlci train}. A changed stage whose inputs already succeeded on any
 * machine has its outputs restored instead of running. {@code dvc.lock} is written after every
 * stage that ran or was restored; one run record lists every stage, and its {@code resources}
 * block what the pipeline run cost and what each restored stage took where it ran (saved).
 */
public final class Repro {

    private final Path root;
    private final ReproOptions options;
    private volatile boolean stopRequested;
    private volatile Executor running;

    public Repro(Path root, ReproOptions options) {
        this.root = root.toAbsolutePath().normalize();
        this.options = options;
    }

    /** Stops the stage in progress; it is recorded as failed and no later stage starts. */
    public void stop() {
        stopRequested = true;
        Executor executor = running;
        if (executor != null) {
            executor.stop();
        }
    }

    public ReproOutcome run() {
        TrainOptions run = options.run();
        // --image/--gpus/--docker-args replace mlci.yaml's for every stage, as for mlci train
        MlciConfig config = run.container().applyTo(MlciYaml.load(root));
        Pipelines pipelines = Pipelines.read(root);
        if (pipelines.files().isEmpty()) {
            throw new InvalidInputException(root.toString(), null, "has no dvc.yaml; nothing to reproduce");
        }
        PipelineGraph graph = new PipelineGraph(pipelines);
        List<Stage> selected = select(graph);
        OutputsOutOfGit.requireUntracked(root, selected);
        try (DataWorkspace data = DataWorkspace.open(root, run.data());
             RunStore store = RunStores.open(RunStores.locate(run.store(), config.store(), run.environment()), root,
                     run.environment())) {
            if (options.pull()) {
                pull(data, config);
            }
            Instant started = Instant.now();
            String id = RunIds.next(started);
            EnvironmentProbe probe = new EnvironmentProbe(run.environment(), run.mlciVersion());
            StageRunner runner = options.dryRun() ? null
                    : new StageRunner(config, data, store, id, new StagePricing(id, probe, Prices.of(config, run.environment())));
            List<StageRun> results = new ArrayList<>();
            List<OutputFile> outputs = new ArrayList<>();
            Pass pass = new Pass(graph, new LockFiles(root, pipelines), new StageInputs(root, data), runner);
            for (Stage stage : selected) {
                StageRun result = pass.stage(stage, outputs);
                results.add(result);
                run.say().accept(describe(result));
            }
            if (runner == null) {
                return new ReproOutcome(results, null, store.describe());
            }
            RunEnvironment environment = probe.probe(runner.imageDigest != null);
            return new ReproOutcome(results, new ReproRecord(root, config, pipelines, run)
                    .save(id, started, results, outputs, store, data, new ReproRecord.Execution(environment,
                            runner.imageDigest, runner.gpus),
                            runner.pricing.resources(started, environment, runner.restored)), store.describe());
        }
    }

    private List<Stage> select(PipelineGraph graph) {
        if (options.targets().isEmpty()) {
            return graph.select(graph.stages(), false, false);
        }
        Set<Stage> targets = new LinkedHashSet<>();
        options.targets().forEach(target -> targets.addAll(graph.resolve(target)));
        return graph.select(new ArrayList<>(targets), options.downstream(), options.single());
    }

    private void pull(DataWorkspace data, MlciConfig config) {
        try {
            var pulled = data.pull(config.data().remote(), List.of(), false);
            options.run().say().accept("--pull: fetched " + pulled.transfer().transferred() + " objects ("
                    + pulled.transfer().alreadyPresent() + " already cached), " + pulled.placed() + " files placed"
                    + (pulled.skipped().isEmpty() ? "" : "; skipped: " + String.join(", ", pulled.skipped())));
        } catch (MlciException | UncheckedIOException e) {
            options.run().say().accept("--pull: could not fetch everything (" + e.getMessage() + "); continuing with"
                    + " what is in the workspace");
        }
    }

    static String describe(StageRun result) {
        String text = "stage " + result.stage() + ": " + result.state();
        if (result.reason() != null) {
            text += " (" + result.reason() + ")";
        }
        if (result.state().equals(StageRun.RAN)) {
            text += String.format(java.util.Locale.ROOT, " in %.1f s", result.durationSeconds());
        }
        return text;
    }

    /** One walk over the selected stages, remembering which ones ran so their dependants know. */
    private final class Pass {
        private final PipelineGraph graph;
        private final LockFiles locks;
        private final StageInputs inputs;
        private final StageRunner runner;
        private final Set<Stage> changed = new HashSet<>();
        private String failed;

        Pass(PipelineGraph graph, LockFiles locks, StageInputs inputs, StageRunner runner) {
            this.graph = graph;
            this.locks = locks;
            this.inputs = inputs;
            this.runner = runner;
        }

        StageRun stage(Stage stage, List<OutputFile> outputs) {
            LockEntry locked = locks.get(stage);
            if (failed != null || stopRequested) {
                return new StageRun(stage.address(), StageRun.NOT_RUN, failed == null ? "stopped"
                        : "stage " + failed + " failed", 0, null, stage.commandLine(), null, null);
            }
            if (stage.frozen()) {
                return StageRuns.of(stage, StageRun.FROZEN, null, 0, null, locked);
            }
            Optional<Stage> pendingUpstream = graph.upstreamOf(stage).stream().filter(changed::contains).findFirst();
            if (runner == null && pendingUpstream.isPresent()) {
                changed.add(stage);
                return new StageRun(stage.address(), "would run", "upstream stage " + pendingUpstream.get().address()
                        + " would run", 0, null, stage.commandLine(), null, null);
            }
            Optional<String> missingDep = stage.deps().stream()
                    .filter(dep -> !inputs.exists(stage.depPaths().get(stage.deps().indexOf(dep)))).findFirst();
            if (missingDep.isPresent()) {
                String why = "dependency '" + missingDep.get() + "' does not exist";
                if (runner == null) {
                    changed.add(stage);
                    return new StageRun(stage.address(), "would run", why, 0, null, stage.commandLine(), null, null);
                }
                failed = stage.address();
                return new StageRun(stage.address(), StageRun.FAILED, why + (options.pull() ? ""
                        : "; fetch tracked data with 'mlci data pull' or 'mlci repro --pull'"), 0, null,
                        stage.commandLine(), null, null);
            }
            LockEntry now = inputs.current(stage, true);
            String reason = options.force() ? "--force" : StageChange.reason(stage, locked, now);
            if (reason == null && stage.deps().isEmpty() && stage.outs().isEmpty()) {
                reason = "no dependencies and no outputs: runs every time";
            }
            if (reason == null) {
                if (runner != null) {
                    // entries a .gitignore lacks (removed, or never written) are added for unchanged stages too
                    OutputsOutOfGit.ignore(root, stage);
                }
                outputs.addAll(StageRuns.outputs(stage, now.outs()));
                return StageRuns.of(stage, StageRun.UNCHANGED, null, 0, null, now);
            }
            changed.add(stage);
            if (runner == null) {
                return new StageRun(stage.address(), "would run", reason, 0, null, stage.commandLine(),
                        StageRuns.hashes(now.deps()), null);
            }
            StageRunner.Result result = runner.run(stage, now, reason, options.force() || stage.alwaysChanged());
            if (result.entry() != null) {
                OutputsOutOfGit.ignore(root, stage);
                locks.put(stage, result.entry());
                outputs.addAll(result.outputs());
            } else {
                failed = stage.address();
            }
            return result.run();
        }
    }

    /** Runs or restores one changed stage. */
    private final class StageRunner {
        private final MlciConfig config;
        private final DataWorkspace data;
        private final StageCache cache;
        private final BlobStore artifacts;
        private final String runId;
        private final StagePricing pricing;
        private final List<Resources.RestoredStage> restored = new ArrayList<>();
        private Executor executor;
        /** What the stage keys hold: the image's digest, or its name when the digest cannot be known. */
        private String image;
        /** The digest the record keeps; null until a stage runs or restores, or without an image. */
        private String imageDigest;
        /** The GPUs checked before the first command runs (which also turns on --gpus in a container). */
        private GpuUse gpus;
        private boolean gpusChecked;

        StageRunner(MlciConfig config, DataWorkspace data, RunStore store, String runId, StagePricing pricing) {
            store.checkReachable();
            this.config = config;
            this.data = data;
            this.cache = new StageCache(store.blobs());
            this.artifacts = Trainer.artifactStore(data, config, store);
            this.runId = runId;
            this.pricing = pricing;
        }

        record Result(StageRun run, LockEntry entry, List<OutputFile> outputs) {
        }

        Result run(Stage stage, LockEntry now, String reason, boolean noReuse) {
            prepareExecutor();
            String key = StageCache.key(stage, now, image);
            if (!noReuse) {
                Optional<Result> restored = restore(stage, now, key, reason);
                if (restored.isPresent()) {
                    return restored.get();
                }
            }
            if (!gpusChecked) {
                gpus = executor.gpus();
                gpusChecked = true;
            }
            Instant started = Instant.now();
            removeOutputs(stage);
            options.run().say().accept("running stage " + stage.address() + " (" + reason + ") with "
                    + executor.describe());
            String problem = execute(stage);
            double seconds = Duration.between(started, Instant.now()).toMillis() / 1000.0;
            if (problem == null) {
                problem = missingOutput(stage);
            }
            if (problem != null) {
                return new Result(new StageRun(stage.address(), StageRun.FAILED, problem, seconds, key,
                        stage.commandLine(), StageRuns.hashes(now.deps()), null), null, List.of());
            }
            OutputPublisher publisher = new OutputPublisher(root, data.cache(), data.transfer(artifacts));
            // as DVC: an output marked cache: false is hashed into the lock and the record, never stored or pushed
            List<OutputFile> published = publisher.cache(stage.outs().stream().filter(StageOutput::cache)
                    .map(StageOutput::workspacePath).toList(), List.of());
            // push: false keeps an output off the remotes (as DVC), so such a stage is not offered for restoring
            java.util.Set<String> pushed = new java.util.HashSet<>();
            stage.outs().stream().filter(StageOutput::push).forEach(out -> pushed.add(out.workspacePath()));
            boolean uploaded = upload(stage, publisher, published.stream().filter(out -> pushed.contains(out.path())).toList());
            StageInputs inputs = new StageInputs(root, data);
            List<LockEntry.LockedPath> outs = new ArrayList<>();
            stage.outs().forEach(out -> outs.add(inputs.hashed(out.path(), out.workspacePath())));
            outs.sort(java.util.Comparator.comparing(LockEntry.LockedPath::path));
            LockEntry entry = new LockEntry(stage.name(), stage.cmd(), stage.cmdIsList(), now.deps(), now.params(), outs);
            if (uploaded && reusable(stage)) {
                cache.save(key, runId, stage, outs, pricing.stage(seconds));
            }
            java.util.Set<String> uncached = new java.util.HashSet<>();
            stage.outs().stream().filter(out -> !out.cache()).forEach(out -> uncached.add(out.path()));
            List<OutputFile> recorded = new ArrayList<>(published);
            recorded.addAll(StageRuns.outputs(stage, outs.stream().filter(out -> uncached.contains(out.path())).toList()));
            return new Result(StageRuns.of(stage, StageRun.RAN, reason, seconds, key, entry), entry, recorded);
        }

        private Optional<Result> restore(Stage stage, LockEntry now, String key, String reason) {
            Optional<StageCache.Entry> found = cache.find(key, stage);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            try {
                data.restore(StageCache.pointers(stage, found.get().outs()), artifacts);
            } catch (MlciException | UncheckedIOException e) {
                options.run().say().accept("stage " + stage.address() + " ran before with these inputs, but its outputs"
                        + " cannot be restored (" + e.getMessage() + "); running it");
                return Optional.empty();
            }
            LockEntry entry = new LockEntry(stage.name(), stage.cmd(), stage.cmdIsList(), now.deps(), now.params(),
                    found.get().outs());
            if (found.get().training() != null) {
                restored.add(new Resources.RestoredStage(stage.address(), found.get().training()));
            }
            return Optional.of(new Result(StageRuns.of(stage, StageRun.RESTORED, reason + "; identical inputs ran"
                    + " before", 0, key, entry), entry, StageRuns.outputs(stage, found.get().outs())));
        }

        /**
         * Outputs that cannot be uploaded stay in the local cache and the lock; the stage is then
         * not offered for restoring elsewhere, since its outputs are not there.
         */
        private boolean upload(Stage stage, OutputPublisher publisher, List<OutputFile> outputs) {
            try {
                publisher.upload(outputs);
                return true;
            } catch (MlciException | UncheckedIOException e) {
                options.run().say().accept("stage " + stage.address() + ": its outputs could not be uploaded to "
                        + artifacts.describe() + " (" + e.getMessage() + "); other machines will run it again");
                return false;
            }
        }

        /** Only a stage whose every output is in the remote can be restored elsewhere instead of running. */
        private boolean reusable(Stage stage) {
            return stage.outs().stream().allMatch(out -> out.cache() && out.push());
        }

        private void prepareExecutor() {
            if (executor == null) {
                executor = Trainer.executorFor(root, options.run(), config.train());
                imageDigest = Trainer.prepareImage(executor, config.train(), options.run().environment());
                image = imageDigest != null ? imageDigest : config.train().image();
            }
        }

        /** Runs the stage's commands in order through a shell in its working directory; the first failure stops it. */
        private String execute(Stage stage) {
            running = executor;
            try {
                for (int i = 0; i < stage.cmd().size() && !stopRequested; i++) {
                    String cmd = stage.cmd().get(i);
                    // the cd on a line of its own: "cd w && a || b" or a multi-line cmd would run part of
                    // the command elsewhere when the cd fails; the cmd itself goes to the shell whole, as DVC does
                    String line = stage.wdir().isEmpty() ? cmd
                            : "cd " + PythonText.shellQuote(stage.wdir()) + " || exit 1\n" + cmd;
                    Map<String, String> env = new LinkedHashMap<>(config.train().env());
                    env.put("MLCI_RUN_ID", runId);
                    env.put("MLCI_STAGE", stage.address());
                    ExecutionRequest request = new ExecutionRequest(runId + "-" + stage.name().replaceAll("[^A-Za-z0-9_.-]",
                            "-") + "-" + (i + 1), List.of("sh", "-c", line), root, env, config.train().timeout(),
                            options.run().killGrace());
                    ExecutionResult result = executor.run(request, options.run().trainOutput());
                    if (!result.succeeded()) {
                        return result.outcome() == ExecutionResult.Outcome.TIMED_OUT ? "timed out"
                                : "command " + (stage.cmd().size() > 1 ? (i + 1) + " " : "") + "exited with status "
                                + result.exitCode();
                    }
                }
                return stopRequested ? "stopped" : null;
            } finally {
                running = null;
            }
        }

        private String missingOutput(Stage stage) {
            for (StageOutput out : stage.outs()) {
                if (!Files.exists(root.resolve(out.workspacePath()), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    return "the stage did not produce its output '" + out.path() + "'";
                }
            }
            return null;
        }

        /** DVC removes a stage's outputs before running it, unless they are marked persist. */
        private void removeOutputs(Stage stage) {
            for (StageOutput out : stage.outs()) {
                if (!out.persist()) {
                    Path path = new WorkspacePaths(root).checkParents(RepoPaths.resolveInside(root, root,
                            out.workspacePath(), root.resolve(stage.dvcFile()), "stages." + stage.name() + ".outs"));
                    try {
                        if (Files.isSymbolicLink(path)) {
                            Files.delete(path);
                        } else {
                            FileTrees.delete(path);
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot remove the old output " + out.workspacePath(), e);
                    }
                }
            }
        }
    }
}
