package io.mlci.cli.review;

import io.mlci.cli.MlciCommand;
import io.mlci.core.evaluate.Snapshots;
import io.mlci.core.metrics.ValueDiff;
import io.mlci.core.run.store.RunStore;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.function.BiFunction;

/** The options of metrics diff and params diff, and the comparison they share. */
final class DiffOptions {

    @Option(names = "--base", paramLabel = "BASE", description = "A git revision, a run id (or run:ID) or 'workspace' (default: HEAD).")
    String base = "HEAD";

    @Option(names = "--run", paramLabel = "NEW", description = "The new side, same forms (default: the workspace).")
    String now = Snapshots.WORKSPACE;

    @Option(names = {"-a", "--all"}, description = "Show unchanged values too.")
    boolean all;

    @Option(names = "--md", description = "Print a Markdown table.")
    boolean markdown;

    @Option(names = "--store", paramLabel = "LOCATION", description = "Run store.")
    String store;

    /**
     * @param kind "metrics" or "params"
     * @param side reads one side's values
     */
    void print(MlciCommand root, String kind, BiFunction<Snapshots, String, Snapshots.Side> side, boolean withChange) {
        try (RunStore runs = root.openStore(store)) {
            Snapshots snapshots = new Snapshots(root.repositoryRoot(), runs);
            Snapshots.Side old = side.apply(snapshots, base);
            Snapshots.Side current = side.apply(snapshots, now);
            List<ValueDiff.Row> rows = ValueDiff.compare(old.values(), current.values(), all);
            ValueTable.print(root.console(), root.global().json(), markdown, kind, old.label(), current.label(), rows, withChange);
        }
    }
}
