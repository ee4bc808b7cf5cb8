package io.mlci.cli.review;

import io.mlci.cli.MlciCommand;
import io.mlci.core.evaluate.RulesSource;
import io.mlci.core.config.MlciYaml;
import io.mlci.core.report.Dashboard;
import io.mlci.core.run.cost.Prices;
import io.mlci.core.run.record.RunRecord;
import io.mlci.core.run.store.RunQuery;
import io.mlci.core.run.store.RunStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "dashboard", mixinStandardHelpOptions = true,
        description = "Write the dashboard: one self-contained HTML file (works offline) with a trend chart per metric "
                + "across runs and branches, the gate's thresholds, cost per week and per branch with the savings of skipped runs and "
                + "restored stages, a sortable and filterable run table, and each run's lineage.",
        footer = {"", "A record that cannot be read is named on stderr (exit status 1) and the other runs are drawn.",
                "", "Examples:", "  mlci dashboard -o mlci-dashboard/index.html"})
public final class DashboardCommand implements Callable<Integer> {

    @ParentCommand
    MlciCommand root;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", defaultValue = "mlci-dashboard.html",
            description = "Where to write it. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--title", paramLabel = "TEXT", description = "Page title (default: the repository's name).")
    String title;

    @Option(names = "--store", paramLabel = "LOCATION", description = "Run store.")
    String store;

    @Override
    public Integer call() {
        Path repo = root.repositoryRoot();
        String html;
        int count;
        List<String> unreadable = new java.util.ArrayList<>();
        try (RunStore runs = root.openStore(store)) {
            List<RunRecord> records = runs.records(RunQuery.all(), unreadable);
            count = records.size();
            html = Dashboard.render(title != null ? title : repo.getFileName().toString(), records, runs.latestFacts("gate"),
                    RulesSource.load(repo, null), new io.mlci.core.registry.ModelRegistry(runs).versionsByRun(),
                    new io.mlci.core.sweep.SweepStore(runs).list(), Prices.of(MlciYaml.load(repo), root.environment()));
        }
        // one damaged record must not hide the others: they are drawn, it is named, and the exit status says so
        unreadable.forEach(root.console()::error);
        GateCommand.write(out, html);
        if (root.global().json()) {
            root.console().json(Map.of("file", out.toAbsolutePath().toString(), "runs", count));
        } else {
            root.console().out().println("wrote " + out.toAbsolutePath() + " (" + count + " runs)");
        }
        return unreadable.isEmpty() ? 0 : 1;
    }
}
