package io.mlci.core.evaluate;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;
import io.mlci.core.InvalidInputException;
import io.mlci.core.MlciException;
import io.mlci.core.config.EvaluateConfig;
import io.mlci.core.config.MlciConfig;
import io.mlci.core.config.MlciYaml;
import io.mlci.core.data.pointer.RepoPaths;
import io.mlci.core.data.pointer.TrackedOutput;
import io.mlci.core.data.workspace.DataOptions;
import io.mlci.core.data.workspace.DataWorkspace;
import io.mlci.core.metrics.MetricsFiles;
import io.mlci.core.metrics.Predictions;
import io.mlci.core.pipeline.PipelineMetrics;
import io.mlci.core.run.RunOutputs;
import io.mlci.core.run.code.TrustedTarget;
import io.mlci.core.run.exec.ExecutionRequest;
import io.mlci.core.run.exec.ExecutionResult;
import io.mlci.core.run.exec.LocalProcessExecutor;
import io.mlci.core.run.record.OutputFile;
import io.mlci.core.run.record.RunRecord;
import io.mlci.core.run.store.RunStore;
import io.mlci.core.storage.FileTrees;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Evaluates a pull request's model with code and data the pull request did not choose: the
 * evaluation command of the target's mlci.yaml runs in a fresh checkout of the pinned target
 * commit, outside the build's workspace, on the model files the pull request's run recorded
 * (fetched from the run store and verified against the record's hashes on arrival, into a cache
 * of its own: the build's cache and its remembered hashes are the pull request's to write), and
 * on the data the target's pointers name, pulled afresh. The metrics it writes are the ones the
 * gate judges.
 */
public final class TrustedEvaluation {

    /** Added to the command's environment: which run's model it evaluates. */
    public static final String CANDIDATE_VARIABLE = "MLCI_CANDIDATE_RUN";

    private final RunStore store;
    private final DataOptions data;
    private final Consumer<String> say;

    /**
     * @param store the store holding the candidate run and its outputs
     * @param data  how to reach the data remotes (credentials, endpoints, timeouts)
     */
    public TrustedEvaluation(RunStore store, DataOptions data, Consumer<String> say) {
        this.store = store;
        this.data = data;
        this.say = say;
    }

    /** A file or directory the evaluation used, by its DVC hash. */
    public record UsedFile(String path, String md5) {
    }

    /**
     * What the evaluation measured and with what; the run record keeps it as its
     * {@code evaluation} fact.
     *
     * @param label   "trusted evaluation: main at 3f46737", for verdicts, reports and checks
     * @param model   the candidate's outputs it evaluated
     * @param data    the evaluation data the target's pointers named
     * @param metrics what it wrote into the target's metrics files
     * @param predictions its per-example predictions (the target's {@code metrics.predictions}), for
     *                significance rules; null when it wrote none
     */
    public record Result(String label, String branch, String commit, String command, String candidateRun,
                         List<UsedFile> model, List<UsedFile> data, Map<String, JsonNode> metrics,
                         @JsonIgnore Predictions predictions) {

        public Result {
            model = List.copyOf(model);
            data = List.copyOf(data);
            metrics = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        }
    }

    /** How a label begins; the label names the branch and commit whose code evaluated. */
    public static final String LABEL = "trusted evaluation";

    /**
     * @param config the target's mlci.yaml, read at the pinned commit
     */
    public Result run(TrustedTarget target, MlciConfig config, RunRecord candidate) {
        EvaluateConfig evaluate = config.evaluate();
        String where = MlciYaml.FILE_NAME + " at " + target.branch() + " (" + target.shortCommit() + ")";
        if (evaluate.command() == null) {
            throw new InvalidInputException("evaluate.command", null, "is not set in " + where + "; a trusted evaluation "
                    + "runs the target's own evaluation command on the pull request's model");
        }
        List<OutputFile> model = modelOf(candidate, evaluate, where);
        Path workdir = null;
        try {
            workdir = Files.createTempDirectory("mlci-trusted-evaluation").toAbsolutePath().normalize();
            target.exportTo(workdir);
            say.accept("trusted evaluation: " + target.branch() + " at " + target.shortCommit() + " checked out in " + workdir);
            List<UsedFile> evaluationData = pullData(workdir, evaluate);
            placeModel(workdir, model, candidate);
            List<String> metricsFiles = PipelineMetrics.files(workdir, config);
            for (String file : metricsFiles) {
                FileTrees.delete(workdir.resolve(file)); // a committed metrics file must not pass for this evaluation's
            }
            execute(workdir, evaluate, target, candidate);
            Map<String, JsonNode> metrics = MetricsFiles.read(workdir, metricsFiles);
            if (metrics.isEmpty()) {
                throw new MlciException("the trusted evaluation '" + evaluate.command().display() + "' of " + where
                        + " wrote no metrics into " + String.join(", ", metricsFiles) + "; the gate does not judge a pull "
                        + "request by its own numbers when the target asks for a trusted evaluation");
            }
            String label = LABEL + ": " + target.branch() + " at " + target.shortCommit();
            return new Result(label, target.branch(), target.commit(), evaluate.command().display(), candidate.id(),
                    model.stream().map(file -> new UsedFile(file.path(), file.md5())).toList(), evaluationData, metrics,
                    predictions(workdir, config, label));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the trusted evaluation of run " + candidate.id(), e);
        } finally {
            FileTrees.deleteQuietly(workdir);
        }
    }

    private static Predictions predictions(Path workdir, MlciConfig config, String label) {
        String path = config.metrics().predictions();
        if (path == null || !Files.isRegularFile(workdir.resolve(path))) {
            return null;
        }
        return Predictions.read(workdir.resolve(path), path + " of the " + label);
    }

    private static List<OutputFile> modelOf(RunRecord candidate, EvaluateConfig evaluate, String where) {
        try {
            return RunOutputs.select(candidate, evaluate.model());
        } catch (InvalidInputException e) {
            throw new InvalidInputException("evaluate.model", null, "of " + where + ": " + e.getMessage());
        }
    }

    /** The target's evaluation data, pulled into the checkout's own cache; every object is verified on arrival. */
    private List<UsedFile> pullData(Path workdir, EvaluateConfig evaluate) {
        try (DataWorkspace workspace = DataWorkspace.open(workdir, data)) {
            List<TrackedOutput> tracked = workspace.outputs(evaluate.data());
            if (tracked.isEmpty()) {
                return List.of();
            }
            workspace.pull(null, evaluate.data(), true);
            List<UsedFile> used = new ArrayList<>();
            for (TrackedOutput output : tracked) {
                used.add(new UsedFile(output.output().workspacePath(), output.output().objectId().value()));
                say.accept("evaluation data: " + output.output().workspacePath() + " (" + output.source() + ")");
            }
            return used;
        }
    }

    /**
     * The candidate's outputs at their paths, replacing whatever the target has there, fetched from
     * the run's store through the checkout's fresh cache, so each file is the one the record hashes.
     */
    private void placeModel(Path workdir, List<OutputFile> model, RunRecord candidate) throws IOException {
        for (OutputFile file : model) {
            // the path comes from the pull request's record: it must name a place inside the checkout
            FileTrees.delete(RepoPaths.resolveInside(workdir, workdir, file.path(), workdir, "output path"));
        }
        try (DataWorkspace workspace = DataWorkspace.open(workdir, data)) {
            new RunOutputs(workspace, store).export(model, workdir);
        } catch (MlciException e) {
            throw new MlciException("the model of run " + candidate.id() + " does not match its record: "
                    + named(model, e.getMessage()) + e.getMessage() + "; a trusted evaluation evaluates only the files the run "
                    + "recorded", e);
        }
        say.accept("model: " + String.join(", ", model.stream().map(f -> f.path() + " (" + f.md5() + ")").toList())
                + " of run " + candidate.id());
    }

    /** "model/config.txt: " when the message is about one of the model's files by its hash, else "". */
    private static String named(List<OutputFile> model, String message) {
        return model.stream().flatMap(output -> output.isDirectory() ? output.files().stream()
                        .map(file -> file.path().startsWith(output.path() + "/") ? file
                                : new OutputFile(output.path() + "/" + file.path(), file.md5(), null, 0, 1, null))
                        : java.util.stream.Stream.of(output))
                .filter(file -> message != null && message.contains(file.md5())).findFirst()
                .map(file -> file.path() + ": ").orElse("");
    }

    private void execute(Path workdir, EvaluateConfig evaluate, TrustedTarget target, RunRecord candidate) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(CANDIDATE_VARIABLE, candidate.id());
        env.put(EvaluationOptions.TARGET_COMMIT_VARIABLE, target.commit());
        say.accept("evaluating: " + evaluate.command().display());
        ExecutionResult result = new LocalProcessExecutor().run(new ExecutionRequest("mlci-trusted-evaluation",
                evaluate.command().processArguments(), workdir, env, evaluate.timeout(), null), say::accept);
        if (!result.succeeded()) {
            throw new MlciException("the trusted evaluation '" + evaluate.command().display() + "' at " + target.branch()
                    + " (" + target.shortCommit() + ") " + (result.outcome() == ExecutionResult.Outcome.EXITED
                    ? "exited with " + result.exitCode() : result.outcome().word()) + "; the gate does not judge without it");
        }
    }
}
