package io.mlci.cli.run;

import io.mlci.core.run.RunDiff;
import io.mlci.core.run.record.RunRecord;
import io.mlci.core.run.store.RunStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "diff", mixinStandardHelpOptions = true,
        description = "Compare two runs: command, image, params, data, code, env, outputs and metrics. Only what changed, unless --all.",
        footer = {"", "Examples:", "  mlci runs diff 20261123-1818 20261123-1901 --all"})
final class RunsDiffCommand implements Callable<Integer> {

    @ParentCommand
    RunsCommand runs;

    @Parameters(index = "0", paramLabel = "RUN_A")
    String first;

    @Parameters(index = "1", paramLabel = "RUN_B")
    String second;

    @Option(names = {"-a", "--all"}, description = "Show unchanged values too.")
    boolean all;

    @Override
    public Integer call() {
        RunRecord a;
        RunRecord b;
        try (RunStore store = runs.openStore()) {
            a = store.get(first);
            b = store.get(second);
        }
        List<RunDiff.Entry> entries = RunDiff.compare(a, b).stream().filter(e -> all || e.changed()).toList();
        if (runs.root().global().json()) {
            runs.root().console().json(entries);
            return 0;
        }
        PrintStream out = runs.root().console().out();
        if (entries.isEmpty()) {
            out.println("runs " + a.id() + " and " + b.id() + " have the same inputs and results");
            return 0;
        }
        out.printf("%-8s %-28s %-30s %-30s%n", "", "", a.id(), b.id());
        for (RunDiff.Entry entry : entries) {
            out.printf("%-8s %-28s %-30s %-30s%n", entry.section(), entry.name(), cell(entry.a()), cell(entry.b()));
        }
        return 0;
    }

    private static String cell(String value) {
        if (value == null) {
            return "-";
        }
        return value.length() <= 30 ? value : value.substring(0, 29) + "…";
    }
}
