package io.mlci.cli.run;

import io.mlci.cli.MlciCommand;
import io.mlci.core.pipeline.Repro;
import io.mlci.core.pipeline.ReproOptions;
import io.mlci.core.pipeline.ReproOutcome;
import io.mlci.core.run.TrainOptions;
import io.mlci.core.run.record.StageRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "repro", mixinStandardHelpOptions = true,
        description = {"Run the repository's dvc.yaml pipelines as 'dvc repro' does, and record the run.",
                "Stages run in dependency order, each only when it changed since dvc.lock (command, dependency or "
                        + "output hashes, tracked params, no lock entry, always_changed); frozen stages never run. "
                        + "A changed stage whose exact inputs already ran on any machine has its outputs restored "
                        + "from the remote instead. dvc.lock is written after each stage as DVC writes it.",
                "Exit status 0 when every stage succeeded, was restored or was up to date; 1 when a stage failed."},
        footer = {"", "Examples:", "  mlci repro", "  mlci repro --dry-run", "  mlci repro train",
                "  mlci repro --downstream featurize", "  mlci repro --single-item train@a",
                "  mlci repro sub/dvc.yaml:split --force",
                "  mlci repro --executor docker --image python:3.12-slim --gpus false"})
public final class ReproCommand implements Callable<Integer> {

    @ParentCommand
    MlciCommand root;

    @Parameters(paramLabel = "TARGET", arity = "0..*",
            description = "Stages (train, train@a, sub/dvc.yaml:split), foreach/matrix groups or dvc.yaml files; "
                    + "default: every stage.")
    List<String> targets = new ArrayList<>();

    @Option(names = "--dry-run", description = "Only say which stages would run and why; change nothing.")
    boolean dryRun;

    @Option(names = {"-f", "--force"}, description = "Run the selected stages even when unchanged or restorable.")
    boolean force;

    @Option(names = "--downstream", description = "Run the targets and the stages that depend on them, not their upstream.")
    boolean downstream;

    @Option(names = {"-s", "--single-item"}, description = "Run only the targets, not the stages they depend on.")
    boolean single;

    @Option(names = "--pull", description = "Fetch tracked data missing from the workspace from the remote first.")
    boolean pull;

    @Option(names = "--store", paramLabel = "LOCATION",
            description = "Run store: a directory or s3://bucket/prefix (default: 'store' in mlci.yaml, else .mlci/).")
    String store;

    @Mixin
    ExecutionOptions execution;

    @Override
    public Integer call() {
        TrainOptions run = execution.apply(root, store);
        Repro repro = new Repro(root.repositoryRoot(), new ReproOptions(targets, dryRun, force, downstream, single, pull,
                run));
        Thread hook = new Thread(repro::stop, "mlci-stop-repro");
        Runtime.getRuntime().addShutdownHook(hook);
        ReproOutcome outcome;
        try {
            outcome = repro.run();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already stopping; the hook has run or is running
            }
        }
        if (root.global().json()) {
            Map<String, Object> json = new LinkedHashMap<>();
            // the shape of 'mlci train --json', so that callers (mlTrain) read either the same way
            json.put("skipped", outcome.stages().stream().noneMatch(stage -> stage.state().equals(StageRun.RAN)));
            json.put("reusedFrom", null);
            json.put("store", outcome.store());
            json.put("run", outcome.record());
            json.put("stages", outcome.stages());
            root.console().json(json);
        } else {
            print(root.console().out(), outcome);
        }
        return outcome.succeeded() ? 0 : 1;
    }

    private static void print(PrintStream out, ReproOutcome outcome) {
        for (StageRun stage : outcome.stages()) {
            out.println(String.format("%-30s %-10s %s", stage.stage(), stage.state(),
                    stage.reason() == null ? "" : stage.reason()));
        }
        if (outcome.record() != null) {
            out.println("run " + outcome.record().id() + " " + outcome.record().status().label() + " (" + outcome.store() + ")");
        }
    }
}
