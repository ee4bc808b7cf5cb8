package io.mlci.cli.cost;

import io.mlci.cli.MlciCommand;
import io.mlci.core.InvalidInputException;
import io.mlci.core.config.MlciConfig;
import io.mlci.core.config.MlciYaml;
import io.mlci.core.run.cost.CostBreakdown;
import io.mlci.core.run.cost.CostTotals;
import io.mlci.core.run.cost.Prices;
import io.mlci.core.run.record.RunRecord;
import io.mlci.core.run.store.RunQuery;
import io.mlci.core.run.store.RunStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "cost", mixinStandardHelpOptions = true,
        description = "What training cost and what skipped runs and restored pipeline stages saved: money, hours and GPU-hours per branch, week or "
                + "instance type, from the runs' records.",
        footer = {"", "Runs that recorded no cost (older records, or no price known when they ran) are priced with "
                + "mlci.yaml's cost section, MLCI_PRICE_PER_HOUR or mlci's table, when one names a price for their machine.",
                "A record that cannot be read is named on stderr (exit status 1) and the others are counted.",
                "", "Examples:", "  mlci cost", "  mlci cost --since 2026-11-01 --by week",
                "  mlci cost --branch main --by instance --json"})
public final class CostCommand implements Callable<Integer> {

    @ParentCommand
    MlciCommand root;

    @Option(names = "--since", paramLabel = "DATE", description = "Only runs started on or after DATE (yyyy-mm-dd, UTC).")
    String since;

    @Option(names = {"-b", "--branch"}, paramLabel = "BRANCH", description = "Only runs of this branch.")
    String branch;

    @Option(names = "--by", paramLabel = "GROUP", defaultValue = "branch",
            description = "Group by branch, week or instance. Default: ${DEFAULT-VALUE}.")
    String by;

    @Option(names = "--store", paramLabel = "LOCATION", description = "Run store.")
    String store;

    @Override
    public Integer call() {
        CostBreakdown.By grouping = grouping(by);
        String from = since == null ? null : startOf(since);
        MlciConfig config = MlciYaml.load(root.repositoryRoot());
        Prices prices = Prices.of(config, root.environment());
        List<RunRecord> runs;
        List<String> unreadable = new java.util.ArrayList<>();
        try (RunStore store = root.openStore(this.store)) {
            runs = store.recordsWithPullRequests(new RunQuery(branch, null, null, 0), unreadable).stream()
                    .filter(run -> from == null || (run.startedAt() != null && run.startedAt().compareTo(from) >= 0)).toList();
        }
        // one damaged record must not hide what the others cost: it is named, and the exit status says so
        unreadable.forEach(root.console()::error);
        int exit = unreadable.isEmpty() ? 0 : 1;
        CostBreakdown breakdown = CostBreakdown.of(runs, grouping, prices);
        if (root.global().json()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("since", since);
            json.put("branch", branch);
            json.put("by", grouping.label());
            json.put("total", breakdown.total().rounded());
            Map<String, CostTotals> groups = new LinkedHashMap<>();
            breakdown.groups().forEach((key, totals) -> groups.put(key, totals.rounded()));
            json.put("groups", groups);
            root.console().json(json);
            return exit;
        }
        print(root.console().out(), breakdown);
        return exit;
    }

    private static void print(PrintStream out, CostBreakdown breakdown) {
        if (breakdown.total().runs() == 0) {
            out.println("no runs");
            return;
        }
        String format = "%-28s %5s %7s %7s %8s %9s %9s  %-16s %s%n";
        out.printf(format, breakdown.by().label().toUpperCase(Locale.ROOT), "RUNS", "TRAINED", "SKIPPED", "RESTORED", "HOURS", "GPU-H",
                "SPENT", "SAVED");
        breakdown.groups().forEach((key, totals) -> row(out, format, key, totals));
        row(out, format, "total", breakdown.total());
        if (breakdown.total().unpriced() > 0) {
            out.println(breakdown.total().unpriced() + " run(s) have no price: set cost.prices or cost.pricePerHour in "
                    + "mlci.yaml, or MLCI_PRICE_PER_HOUR");
        }
    }

    private static void row(PrintStream out, String format, String key, CostTotals totals) {
        out.printf(format, key.length() > 28 ? key.substring(0, 27) + "…" : key, totals.runs(), totals.trained(), totals.skipped(),
                totals.restored(), CostTotals.describeHours(totals.hours()), CostTotals.describeHours(totals.gpuHours()),
                totals.spentText(), totals.savedText());
    }

    private static CostBreakdown.By grouping(String value) {
        try {
            return CostBreakdown.By.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("--by", null, "'" + value + "' is not one of branch, week, instance");
        }
    }

    /** The first instant of a UTC day, as run records write instants. */
    private static String startOf(String date) {
        try {
            return LocalDate.parse(date).atStartOfDay(ZoneOffset.UTC).toInstant().toString();
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("--since", null, "'" + date + "' is not a date such as 2026-11-01");
        }
    }
}
