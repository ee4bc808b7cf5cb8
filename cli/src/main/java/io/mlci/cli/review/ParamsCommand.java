package io.mlci.cli.review;

import io.mlci.cli.MlciCommand;
import io.mlci.core.evaluate.Snapshots;
import io.mlci.core.metrics.ValueDiff;
import io.mlci.core.run.store.RunStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "params", mixinStandardHelpOptions = true, description = "Compare params.",
        subcommands = {ParamsCommand.Diff.class})
public final class ParamsCommand implements Runnable {

    @ParentCommand
    MlciCommand root;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(root.console().out());
    }

    @Command(name = "diff", mixinStandardHelpOptions = true,
            description = "Compare params, as 'dvc params diff' does: only what changed unless --all.",
            footer = {"", "Examples:", "  mlci params diff", "  mlci params diff --base main"})
    static final class Diff implements Callable<Integer> {
        @ParentCommand
        ParamsCommand parent;

        @Option(names = "--base", paramLabel = "BASE", description = "A git revision, a run id or 'workspace' (default: HEAD).")
        String base = "HEAD";

        @Option(names = "--run", paramLabel = "NEW", description = "The new side (default: the workspace).")
        String now = Snapshots.WORKSPACE;

        @Option(names = {"-a", "--all"}, description = "Show unchanged params too.")
        boolean all;

        @Option(names = "--md", description = "Print a Markdown table.")
        boolean markdown;

        @Option(names = "--store", paramLabel = "LOCATION", description = "Run store.")
        String store;

        @Override
        public Integer call() {
            MlciCommand root = parent.root;
            try (RunStore runs = MetricsCommand.openStore(root, store)) {
                Snapshots snapshots = new Snapshots(root.repositoryRoot(), runs);
                Snapshots.Side old = snapshots.params(base);
                Snapshots.Side current = snapshots.params(now);
                List<ValueDiff.Row> rows = ValueDiff.compare(old.values(), current.values(), all);
                ValueTable.print(root.console(), root.global().json(), markdown, "params", old.label(), current.label(), rows, false);
            }
            return 0;
        }
    }
}
