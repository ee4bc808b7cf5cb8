package io.mlci.cli.run;

import io.mlci.cli.MlciCommand;
import io.mlci.core.config.MlciYaml;
import io.mlci.core.run.TrainOptions;
import io.mlci.core.run.params.ParamsOverride;
import io.mlci.core.run.TrainOutcome;
import io.mlci.core.run.TrainPlan;
import io.mlci.core.run.Trainer;
import io.mlci.core.sweep.StudyTrial;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train as mlci.yaml says, and record the run.",
                "First the run key is computed from the command, image, params, data hashes, code and declared env. "
                        + "If a run with that key already succeeded, its outputs are restored and nothing is trained "
                        + "(use --force to train anyway). Otherwise the command runs with checkpoints kept on the "
                        + "remote, and its outputs are hashed, cached, pushed and recorded.",
                "Exit status 0 when the run succeeded or was reused (or, with --study, the trial was stopped early by "
                        + "the study's median rule), 1 when it failed, timed out or was killed."},
        footer = {"", "Examples:", "  mlci train", "  mlci train --dry-run", "  mlci train --force --store s3://ml-runs/churn",
                "  mlci train --executor docker --image pytorch/pytorch:2.4.0-cuda12.1-cudnn9-runtime --gpus optional",
                "  mlci train -S train.lr=0.1 -S train.depth=5     (one trial of a sweep)",
                "  mlci train --study \"$BUILD_TAG\" --trial t3     (one trial, stopped early by the study's median)",
                "  mlci train --executor local     (already inside the training image)"})
public final class TrainCommand implements Callable<Integer> {

    @ParentCommand
    MlciCommand root;

    @Option(names = "--store", paramLabel = "LOCATION",
            description = "Run store: a directory or s3://bucket/prefix (default: 'store' in mlci.yaml, else .mlci/).")
    String store;

    @Option(names = {"-f", "--force"}, description = "Train even if an identical run already succeeded.")
    boolean force;

    @Mixin
    ExecutionOptions execution;

    @Option(names = "--dry-run", description = "Only compute the run key and say whether an identical run would be reused.")
    boolean dryRun;

    @Option(names = {"-S", "--set"}, paramLabel = "NAME=VALUE",
            description = "Set a param in the params files before training, as 'dvc exp run -S' does (value read as YAML).")
    java.util.List<String> sets;

    @Option(names = "--study", paramLabel = "LABEL",
            description = "With --trial: the study this trial is one of, named the same by every trial of it (e.g. the "
                    + "build's tag). With the sweep's earlyStop, the trial stops when worse than the median of the "
                    + "study's finished trials, read from the run store, and shares its own history when it finishes.")
    String study;

    @Option(names = "--trial", paramLabel = "NAME",
            description = "Train this trial of the sweep (as 'mlci sweep plan' names it): its params are set first.")
    String trial;

    @Mixin
    StudyChoice choice;

    @Override
    public Integer call() {
        TrainOptions options = execution.apply(root, store).withForce(force);
        if (study != null || trial != null) {
            return trainTrial(options);
        }
        if (choice.given()) {
            throw new io.mlci.core.InvalidInputException(choice.spec != null ? "--spec" : "--ablation", null,
                    "chooses the study of a --trial; give --study and --trial too");
        }
        Trainer trainer = new Trainer(root.repositoryRoot(), options);
        if (dryRun) {
            if (sets != null) {
                throw new io.mlci.core.InvalidInputException("--set", null,
                        "writes the params files, which --dry-run never does; set the params first, then use --dry-run");
            }
            return plan(trainer);
        }
        if (sets != null) {
            java.util.Map<String, String> overrides = new java.util.LinkedHashMap<>();
            sets.stream().map(ParamsOverride::parse).forEach(e -> overrides.put(e.getKey(), e.getValue()));
            ParamsOverride.apply(root.repositoryRoot(), MlciYaml.load(root.repositoryRoot()).train().params(), overrides);
        }
        TrainOutcome outcome = runStoppable(trainer, trainer::train);
        print(outcome, java.util.Map.of());
        return outcome.record().status().hasOutputs() ? 0 : 1;
    }

    /** One trial of a study, as a Jenkins lane trains it; a trial the median rule stopped is not a failure. */
    private int trainTrial(TrainOptions options) {
        if (study == null || trial == null) {
            throw new io.mlci.core.InvalidInputException(study == null ? "--trial" : "--study", null,
                    "needs " + (study == null ? "--study LABEL, the name every trial of the study shares (e.g. the build's tag)"
                    : "--trial NAME, one of the trials 'mlci sweep plan' lists"));
        }
        if (sets != null || dryRun) {
            throw new io.mlci.core.InvalidInputException(sets != null ? "--set" : "--dry-run", null,
                    "cannot be used with --trial, which sets the trial's own params from the sweep");
        }
        try (StudyTrial studyTrial = StudyTrial.prepare(root.repositoryRoot(), options,
                new StudyTrial.Request(study, trial, choice.ablation, choice.spec))) {
            StudyTrial.Outcome outcome = runStoppable(studyTrial.trainer(), studyTrial::train);
            print(outcome.training(), java.util.Map.of("trial", outcome.trial().name(), "stoppedEarly", outcome.stoppedEarly()));
            return outcome.training().record().status().hasOutputs() || outcome.stoppedEarly() ? 0 : 1;
        }
    }

    /** @param extra fields the JSON result adds, e.g. a trial's name and whether it was stopped early */
    private void print(TrainOutcome outcome, java.util.Map<String, Object> extra) {
        if (root.global().json()) {
            java.util.Map<String, Object> json = RunText.outcomeJson(outcome);
            json.putAll(extra);
            root.console().json(json);
        } else {
            RunText.printOutcome(root.console().out(), outcome);
        }
    }

    private int plan(Trainer trainer) {
        TrainPlan plan = trainer.plan();
        if (root.global().json()) {
            java.util.Map<String, Object> json = new java.util.LinkedHashMap<>();
            json.put("runKey", plan.key().value());
            json.put("wouldReuse", plan.reusable() == null ? null : plan.reusable().id());
            json.put("inputs", plan.inputs());
            root.console().json(json);
        } else {
            root.console().out().println("run key " + plan.key().value());
            root.console().out().println(plan.reusable() == null ? "would train: no successful run has these inputs"
                    : "would reuse run " + plan.reusable().id() + " (" + plan.reusable().finishedAt() + ")");
        }
        return 0;
    }

    /**
     * An aborted Jenkins build sends SIGTERM to mlci: the hook stops the training and waits until
     * the run is recorded as killed, so an abort leaves a record, not a mystery.
     */
    private <T> T runStoppable(Trainer trainer, java.util.function.Supplier<T> training) {
        CountDownLatch recorded = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            trainer.stop();
            try {
                recorded.await(execution.killGraceSeconds() + 60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "mlci-stop-training");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return training.get();
        } finally {
            recorded.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already stopping; the hook has run or is running
            }
        }
    }
}
