package io.mlci.cli.run;

import io.mlci.core.run.TrainOutcome;
import io.mlci.core.run.RunPush;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

@Command(name = "push", mixinStandardHelpOptions = true,
        description = {"Finish a run whose training succeeded but whose outputs could not be uploaded "
                + "(recorded as failed with reason 'upload').",
                "Uploads the outputs from this machine's cache and records a succeeded run that completes the failed "
                        + "one; pushing again reports that run instead of recording another."},
        footer = {"", "Examples:", "  mlci runs push 20261123-1818-3f2a"})
final class RunsPushCommand implements Callable<Integer> {

    @ParentCommand
    RunsCommand runs;

    @Parameters(paramLabel = "RUN", description = "The failed run (an id or a unique prefix).")
    String run;

    @Override
    public Integer call() {
        TrainOutcome outcome = new RunPush(runs.root().repositoryRoot(),
                RunOptions.training(runs.root(), runs.storeLocation(), "auto")).push(run);
        if (runs.root().global().json()) {
            runs.root().console().json(RunText.outcomeJson(outcome));
        } else {
            RunText.printOutcome(runs.root().console().out(), outcome);
        }
        return 0;
    }
}
