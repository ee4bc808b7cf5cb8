package io.mlci.cli.run;

import io.mlci.core.sweep.SweepRecord;
import io.mlci.core.sweep.SweepRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Train every trial of the sweep (or --ablation) here, each in its own checkout of the commit you are "
                + "on (with your uncommitted edits), its params set as 'dvc exp run -S' sets them.",
                "With -j N, N trials run at once (default: maxParallel in mlci.yaml). "
                        + "Exit status 0 when at least one trial completed with the objective metric, 1 otherwise."},
        footer = {"", "Examples:", "  mlci sweep run", "  mlci sweep run -j 2 --keep-workspaces --workdir /tmp/trials",
                "  mlci sweep run --ablation"})
final class SweepRunCommand implements Callable<Integer> {

    @ParentCommand
    SweepCommand sweep;

    @Mixin
    StudyChoice study;

    @Option(names = "--executor", paramLabel = "WHERE", defaultValue = "auto", description = "auto, local or docker.")
    String executor;

    @Option(names = "--workdir", paramLabel = "DIR", description = "Where the trials' checkouts go (default: a temporary directory).")
    Path workDir;

    @Option(names = "--keep-workspaces", description = "Keep each trial's checkout after it finished.")
    boolean keep;

    @Override
    public Integer call() {
        var root = sweep.root();
        SweepRunner runner = new SweepRunner(root.repositoryRoot(), RunOptions.training(root, sweep.storeLocation(), executor)
                .withData(root.dataOptions().withJobs(null)));
        int parallel = root.global().jobs() == null ? 0 : root.global().jobs();
        Thread hook = new Thread(runner::stop, "mlci-stop-sweep");
        Runtime.getRuntime().addShutdownHook(hook);
        SweepRecord record;
        try {
            record = runner.run(new SweepRunner.Request(study.ablation, study.spec, parallel, workDir, keep));
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is stopping; the hook has stopped the trials
            }
        }
        if (root.global().json()) {
            root.console().json(record);
        } else {
            SweepText.print(root.console().out(), record);
        }
        return record.best() != null ? 0 : 1;
    }
}
