package io.mlci.cli.run;

import io.mlci.cli.MlciCommand;
import io.mlci.core.config.MlciYaml;
import io.mlci.core.run.TrainOptions;
import io.mlci.core.run.params.ParamsOverride;
import io.mlci.core.run.TrainOutcome;
import io.mlci.core.run.TrainPlan;
import io.mlci.core.run.Trainer;
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
                "Exit status 0 when the run succeeded or was reused, 1 when it failed, timed out or was killed."},
        footer = {"", "Examples:", "  mlci train", "  mlci train --dry-run", "  mlci train --force --store s3://ml-runs/churn",
                "  mlci train --executor docker --image pytorch/pytorch:2.4.0-cuda12.1-cudnn9-runtime --gpus optional",
                "  mlci train -S train.lr=0.1 -S train.depth=5     (one trial of a sweep)",
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

    @Override
    public Integer call() {
        TrainOptions options = execution.apply(root, store).withForce(force);
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
        TrainOutcome outcome = runStoppable(trainer);
        if (root.global().json()) {
            root.console().json(RunText.outcomeJson(outcome));
        } else {
            RunText.printOutcome(root.console().out(), outcome);
        }
        return outcome.record().status().hasOutputs() ? 0 : 1;
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
    private TrainOutcome runStoppable(Trainer trainer) {
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
            return trainer.train();
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
