package io.mlci.cli.run;

import io.mlci.core.sweep.StudyPlan;
import io.mlci.core.sweep.SweepRunner;
import io.mlci.core.sweep.Trial;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.util.concurrent.Callable;

@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"List the trials of the sweep (or --ablation) without training: the same list on every machine, "
                + "which is how a Jenkins pipeline fans the trials out to agents."},
        footer = {"", "Examples:", "  mlci sweep plan", "  mlci --json sweep plan --ablation"})
final class SweepPlanCommand implements Callable<Integer> {

    @ParentCommand
    SweepCommand sweep;

    @Mixin
    StudyChoice study;

    @Override
    public Integer call() {
        StudyPlan plan = new SweepRunner(sweep.root().repositoryRoot(),
                RunOptions.training(sweep.root(), sweep.storeLocation(), "auto")).plan(study.ablation, study.spec);
        if (sweep.root().global().json()) {
            sweep.root().console().json(plan);
            return 0;
        }
        PrintStream out = sweep.root().console().out();
        out.println(plan.kind() + ": " + plan.trials().size() + " trials (" + plan.strategy()
                + (plan.seed() != null ? ", seed " + plan.seed() : "") + "), objective " + plan.objective().metric()
                + " (" + plan.objective().goal().word() + "), " + plan.maxParallel() + " at once");
        for (Trial trial : plan.trials()) {
            out.printf("  %-12s %s%n", trial.name(), trial.describe());
        }
        return 0;
    }
}
