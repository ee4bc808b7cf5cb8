package io.mlci.cli.run;

import io.mlci.core.run.Rerun;
import io.mlci.core.run.TrainOptions;
import io.mlci.core.run.TrainOutcome;
import io.mlci.core.run.params.ParamsOverride;
import io.mlci.core.run.record.RunRecord;
import io.mlci.core.run.store.RunStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "rerun", mixinStandardHelpOptions = true,
        description = {"Train again with a run's exact inputs: a fresh checkout of its commit, the same data and params "
                + "(optionally overridden with --set), recorded into the same store."},
        footer = {"", "Examples:", "  mlci runs rerun 20261123-1818", "  mlci runs rerun 20261123-1818 --set train.lr=0.01 --set seed=7"})
final class RunsRerunCommand implements Callable<Integer> {

    @ParentCommand
    RunsCommand runs;

    @Parameters(paramLabel = "RUN", description = "Run id, or a unique prefix of it.")
    String id;

    @Option(names = {"-S", "--set"}, paramLabel = "NAME=VALUE", description = "Override a param (value read as YAML).")
    List<String> sets;

    @Option(names = "--dir", paramLabel = "DIR", description = "Where to check out (default: a new temporary directory).")
    Path dir;

    @Option(names = "--executor", paramLabel = "WHERE", defaultValue = "auto", description = "auto, local or docker.")
    String executor;

    @Override
    public Integer call() {
        RunRecord run;
        try (RunStore store = runs.openStore()) {
            run = store.get(id);
        }
        Map<String, String> overrides = new LinkedHashMap<>();
        if (sets != null) {
            sets.stream().map(ParamsOverride::parse).forEach(e -> overrides.put(e.getKey(), e.getValue()));
        }
        TrainOptions options = RunOptions.training(runs.root(), runs.storeLocation(), executor);
        TrainOutcome outcome = new Rerun(runs.root().repositoryRoot(), options).rerun(run, checkoutDir(), overrides);
        if (runs.root().global().json()) {
            runs.root().console().json(RunText.outcomeJson(outcome));
        } else {
            RunText.printOutcome(runs.root().console().out(), outcome);
        }
        return outcome.record().status().hasOutputs() ? 0 : 1;
    }

    private Path checkoutDir() {
        if (dir != null) {
            return dir;
        }
        try {
            return Files.createTempDirectory("mlci-rerun-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for the rerun", e);
        }
    }
}
