package io.mlci.cli.review;

import io.mlci.cli.MlciCommand;
import io.mlci.core.evaluate.Snapshots;
import io.mlci.core.report.Numbers;
import io.mlci.core.run.store.RunStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "metrics", mixinStandardHelpOptions = true,
        description = "Show and compare metrics (metrics files of the workspace, of a git revision, or of a recorded run).",
        subcommands = {MetricsCommand.Show.class, MetricsCommand.Diff.class})
public final class MetricsCommand implements Runnable {

    @ParentCommand
    MlciCommand root;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(root.console().out());
    }



    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Print metrics, flattened with '.': of the workspace, or of --run RUN.",
            footer = {"", "Examples:", "  mlci metrics show", "  mlci metrics show --run main --json"})
    static final class Show implements Callable<Integer> {
        @ParentCommand
        MetricsCommand parent;

        @Option(names = "--run", paramLabel = "RUN|REF", description = "A recorded run or a git revision (default: the workspace).")
        String source = Snapshots.WORKSPACE;

        @Option(names = "--store", paramLabel = "LOCATION", description = "Run store.")
        String store;

        @Override
        public Integer call() {
            MlciCommand root = parent.root;
            try (RunStore runs = root.openStore(store)) {
                Snapshots.Side side = new Snapshots(root.repositoryRoot(), runs).metrics(source);
                if (root.global().json()) {
                    root.console().json(side.values());
                } else if (side.values().isEmpty()) {
                    root.console().out().println("no metrics in " + side.label());
                } else {
                    side.values().forEach((name, value) -> root.console().out().printf("%-40s %s%n", name, Numbers.format(value)));
                }
            }
            return 0;
        }
    }

    @Command(name = "diff", mixinStandardHelpOptions = true,
            description = {"Compare metrics, as 'dvc metrics diff' does: only what changed unless --all; '-' where a value "
                    + "is missing or not a number; 5 significant digits.",
                    "BASE and --run take a git revision (HEAD, a branch, a commit), a run id (or run:ID), or 'workspace'."},
            footer = {"", "Examples:", "  mlci metrics diff", "  mlci metrics diff --base main --md",
                    "  mlci metrics diff --base run:20261123-1818 --run 20261123-1901"})
    static final class Diff implements Callable<Integer> {
        @ParentCommand
        MetricsCommand parent;

        @picocli.CommandLine.Mixin
        DiffOptions diff;

        @Override
        public Integer call() {
            diff.print(parent.root, "metrics", Snapshots::metrics, true);
            return 0;
        }
    }
}
