package io.mlci.cli.run;

import io.mlci.core.InvalidInputException;
import io.mlci.core.run.record.RunIds;
import io.mlci.core.run.store.RunStore;
import io.mlci.core.sweep.StudyPlan;
import io.mlci.core.sweep.SweepRecord;
import io.mlci.core.sweep.SweepResults;
import io.mlci.core.sweep.SweepRunner;
import io.mlci.core.sweep.SweepStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "record", mixinStandardHelpOptions = true,
        description = {"Record a sweep whose trials trained elsewhere (one Jenkins agent each, with 'mlci train -S ...'): "
                + "each trial's run is read from the store, the best is chosen by the objective, and the sweep record "
                + "is written."},
        footer = {"", "Examples:", "  mlci sweep record --trial t1=20261205-101500-1a2b --trial t2=20261205-101502-9f8e"})
final class SweepRecordCommand implements Callable<Integer> {

    @ParentCommand
    SweepCommand sweep;

    @Mixin
    StudyChoice study;

    @Option(names = "--trial", paramLabel = "NAME=RUN", required = true,
            description = "A trial and the run recorded for it; repeat for every trial that ran.")
    List<String> trials;

    @Override
    public Integer call() {
        var root = sweep.root();
        StudyPlan plan = new SweepRunner(root.repositoryRoot(), RunOptions.training(root, sweep.storeLocation(), "auto"))
                .plan(study.ablation, study.spec);
        Map<String, String> runIds = new LinkedHashMap<>();
        for (String trial : trials) {
            int eq = trial.indexOf('=');
            if (eq <= 0 || eq == trial.length() - 1) {
                throw new InvalidInputException("--trial", null, "'" + trial + "' is not NAME=RUN, e.g. t1=20261205-101500-1a2b");
            }
            runIds.put(trial.substring(0, eq), trial.substring(eq + 1));
        }
        try (RunStore store = sweep.openStore()) {
            SweepRecord record = SweepResults.collect(RunIds.next(Instant.now()), plan, store, runIds);
            new SweepStore(store).save(record);
            if (root.global().json()) {
                root.console().json(record);
            } else {
                SweepText.print(root.console().out(), record);
            }
            return record.best() != null ? 0 : 1;
        }
    }
}
