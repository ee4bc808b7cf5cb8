package io.mlci.core.evaluate;

import io.mlci.core.run.code.TrustedTarget;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlci.core.InvalidInputException;
import io.mlci.core.config.MlciConfig;
import io.mlci.core.config.MlciYaml;
import io.mlci.core.data.workspace.DataWorkspace;
import io.mlci.core.gate.BaselineChoice;
import io.mlci.core.gate.GateConfig;
import io.mlci.core.gate.GateEvaluator;
import io.mlci.core.gate.GateInput;
import io.mlci.core.gate.GateResult;
import io.mlci.core.gate.Rule;
import io.mlci.core.metrics.Predictions;
import io.mlci.core.registry.ModelRegistry;
import io.mlci.core.run.RunOutputs;
import io.mlci.core.run.code.GitSnapshot;
import io.mlci.core.run.cost.PriceTable;
import io.mlci.core.run.cost.Prices;
import io.mlci.core.run.env.CiContext;
import io.mlci.core.run.record.OutputFile;
import io.mlci.core.run.record.RunRecord;
import io.mlci.core.run.store.RunQuery;
import io.mlci.core.run.store.RunStore;
import io.mlci.core.run.store.RunStores;
import io.mlci.core.sweep.SweepStore;
import io.mlci.core.storage.FileTrees;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code mlci gate}: finds the candidate run and its baseline, reads the rules (from the target
 * branch for pull requests), judges, and records the verdict as a fact about the candidate. The
 * API the CLI and the Jenkins steps call.
 */
public final class Evaluation {

    public static final String DEFAULT_TARGET = "main";
    /** How many of a pull request's newest runs its cost totals read. */
    static final int CHANGE_RUNS = 500;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The candidate's fact that keeps what its trusted evaluation measured, with which model and data. */
    public static final String TRUSTED_EVALUATION_FACT = "evaluation";

    private final Path root;
    private final EvaluationOptions options;

    public Evaluation(Path root, EvaluationOptions options) {
        this.root = root.toAbsolutePath().normalize();
        this.options = options;
    }

    /** Judges the candidate; with {@code record}, stores the verdict as a {@code gate} fact of the candidate run. */
    public EvaluationResult run(boolean record) {
        return run(record, false);
    }

    /**
     * @param modelVersions also read, from the same store, which model versions each run was
     *                      registered as (for a report; it reads every version record)
     */
    public EvaluationResult run(boolean record, boolean modelVersions) {
        MlciConfig config = MlciYaml.load(root);
        try (RunStore store = RunStores.open(RunStores.locate(options.store(), config.store(), options.environment()), root,
                options.environment())) {
            RunRecord candidate = candidate(store);
            CiContext ci = CiContext.from(options.environment());
            String target = target(candidate, ci);
            try (TrustedTarget pinned = pin(ci, target)) {
                MlciConfig targetConfig = pinned != null ? RulesSource.config(pinned) : null;
                GateConfig gate = pinned != null ? RulesSource.load(pinned, targetConfig)
                        : RulesSource.load(root, rulesRevision(candidate, ci, target));
                options.say().accept("rules: " + gate.source());
                TrustedEvaluation.Result trusted = trustedEvaluation(pinned, targetConfig, store, candidate);
                BaselineChoice choice = options.baseline() != null ? parseBaseline(options.baseline()) : gate.baseline();
                // a pull request's own writes are never its baseline: the baseline comes from the store itself
                BaselineFinder.Found baseline = new BaselineFinder(store.trusted(), root, pinned).find(choice, candidate, target);
                options.say().accept("candidate: run " + candidate.id() + "; baseline: "
                        + (baseline.run() != null ? "run " + baseline.run().id() + ", " : "") + baseline.info().reason());
                CostReview cost = CostReview.of(candidate, baseline.run(), branchRuns(store, candidate),
                        new Prices(gate.cost(), gate.source(), options.environment(), PriceTable.shipped()).validated());
                GateInput input = new GateInput(trusted != null ? trusted.metrics() : candidate.metrics(),
                        baseline.run() == null ? null : baseline.run().metrics(),
                        trusted != null ? trusted.predictions() : predictionsIfNeeded(gate, config, store, candidate),
                        baseline.run() == null ? null : predictionsIfNeeded(gate, config, store, baseline.run()),
                        cost.candidateAmount(), cost.baselineAmount());
                GateResult result = new GateEvaluator(gate).evaluate(input, candidate.id(), baseline.info());
                if (trusted != null) {
                    result = result.evaluatedBy(trusted.label());
                }
                if (record) {
                    if (trusted != null) {
                        store.addFact(candidate.id(), TRUSTED_EVALUATION_FACT, JSON.valueToTree(trusted));
                    }
                    store.addFact(candidate.id(), "gate", JSON.valueToTree(result));
                }
                return new EvaluationResult(candidate, baseline.run(), gate, result, store.describe(),
                        modelVersions ? new ModelRegistry(store.trusted()).versionsByRun() : Map.of(), cost,
                        modelVersions ? new SweepStore(store).ofRun(candidate.id()).orElse(null) : null, trusted);
            }
        }
    }

    /**
     * The target as pinned before the pull request's code ran, fetched afresh; null outside pull
     * requests when no commit was pinned (the branch's own rules, or --rules-from, apply there). A
     * pull-request build without a pinned commit is refused: reading "the target branch" from
     * the build's clone would read what the pull request's code could have rewritten.
     */
    private TrustedTarget pin(CiContext ci, String target) {
        String commit = options.pinnedCommit();
        if (ci.changeId() != null && commit == null) {
            throw new InvalidInputException(EvaluationOptions.TARGET_COMMIT_VARIABLE, null, "pull request " + ci.changeId()
                    + " is judged by " + target + "'s rules at a commit pinned before its code ran, and none was given: "
                    + "pass --target-commit with " + target + "'s full commit id as checked out (the mlci library and "
                    + "plugin set " + EvaluationOptions.TARGET_COMMIT_VARIABLE + " right after the checkout)");
        }
        if (commit == null) {
            return null;
        }
        if (ci.changeId() != null && options.rulesFrom() != null) {
            throw new InvalidInputException("--rules-from", null, "a pull-request build reads its rules only at the pinned "
                    + "target commit " + commit + ", never at a revision of the build's clone");
        }
        TrustedTarget pinned = TrustedTarget.fetch(target, commit, options.pinnedRepository(), root);
        options.say().accept("target: " + target + " at " + commit + ", fetched from " + pinned.source());
        return pinned;
    }

    /**
     * The target's own evaluation of the candidate's model, when the target's mlci.yaml at the
     * pinned commit asks for it ({@code evaluate.trusted: true}: a pull request cannot switch it
     * off) or the caller does ({@code --trusted}); else null, and the metrics the candidate's
     * training wrote are judged.
     */
    private TrustedEvaluation.Result trustedEvaluation(TrustedTarget pinned, MlciConfig targetConfig, RunStore store,
                                                       RunRecord candidate) {
        if (pinned == null) {
            if (options.trusted()) {
                throw new InvalidInputException("--trusted", null, "a trusted evaluation runs the target's code at the "
                        + "commit pinned before the pull request's code ran, and none was given: pass --target-commit "
                        + "(or set " + EvaluationOptions.TARGET_COMMIT_VARIABLE + ")");
            }
            return null;
        }
        if (!targetConfig.evaluate().trusted() && !options.trusted()) {
            return null;
        }
        TrustedEvaluation.Result result = new TrustedEvaluation(store, options.data(), options.say())
                .run(pinned, targetConfig, candidate);
        options.say().accept(result.label() + ": " + result.metrics().size() + " metrics of run " + candidate.id()
                + "'s model replace those its training wrote");
        return result;
    }

    /**
     * A pull request's runs (its branch's newest, up to a bound that keeps the gate quick), for
     * what the change has cost so far; outside pull requests only the candidate.
     */
    private static List<RunRecord> branchRuns(RunStore store, RunRecord candidate) {
        String branch = candidate.source().branch();
        if (branch == null || candidate.source().changeId() == null) {
            return List.of(candidate);
        }
        return store.records(new RunQuery(branch, null, null, CHANGE_RUNS));
    }

    private RunRecord candidate(RunStore store) {
        if (options.candidate() != null) {
            return store.get(options.candidate());
        }
        String head;
        try (GitSnapshot git = GitSnapshot.open(root)) {
            head = git.commit();
        }
        if (head == null) {
            throw new InvalidInputException(root.toString(), null, "has no commits; train and commit first");
        }
        return store.records(new RunQuery(null, head, null, 0)).stream().filter(run -> run.status().hasOutputs())
                .findFirst().orElseThrow(() -> new InvalidInputException("run", null, "no successful run of commit "
                        + head.substring(0, 10) + " in " + store.describe() + "; run 'mlci train' first, or name one with --run"));
    }

    /** The branch the change goes into: given, else the run's or CI's pull-request target, else main. */
    private String target(RunRecord candidate, CiContext ci) {
        if (options.target() != null) {
            return options.target();
        }
        if (candidate.source().targetBranch() != null) {
            return candidate.source().targetBranch();
        }
        return ci.targetBranch() != null ? ci.targetBranch() : DEFAULT_TARGET;
    }

    /** Pull requests are judged by the target branch's rules; other builds by their own. */
    private String rulesRevision(RunRecord candidate, CiContext ci, String target) {
        if (options.rulesFrom() != null) {
            return options.rulesFrom();
        }
        boolean pullRequest = ci.changeId() != null || candidate.source().changeId() != null;
        return pullRequest ? target : null;
    }

    private static BaselineChoice parseBaseline(String text) {
        BaselineChoice choice = BaselineChoice.parse(text);
        if (choice == null) {
            throw new InvalidInputException("--base", null, "'" + text + "' is not target-branch, merge-base, run:<id> or none");
        }
        return choice;
    }

    /** A run's per-example predictions, fetched from its outputs, when a rule tests significance. */
    private Predictions predictionsIfNeeded(GateConfig gate, MlciConfig config, RunStore store, RunRecord run) {
        boolean needed = gate.rules().stream().map(Rule::significance).anyMatch(s -> s != null);
        String path = config.metrics().predictions();
        if (!needed || path == null) {
            return null;
        }
        OutputFile file = run.outputs().stream().filter(o -> o.path().equals(path)).findFirst().orElse(null);
        if (file == null) {
            options.say().accept("run " + run.id() + " recorded no " + path + "; significance cannot be tested");
            return null;
        }
        Path scratch = null;
        try (DataWorkspace data = DataWorkspace.open(root, options.data())) {
            scratch = Files.createTempDirectory("mlci-predictions");
            new RunOutputs(data, store).export(List.of(file), scratch);
            return Predictions.read(scratch.resolve(path), path + " of run " + run.id());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot fetch the predictions of run " + run.id(), e);
        } finally {
            FileTrees.deleteQuietly(scratch);
        }
    }
}
