package io.mlci.cli.run;

import io.mlci.core.run.store.RunStore;
import io.mlci.core.sweep.SweepRecord;
import io.mlci.core.sweep.SweepStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "list", mixinStandardHelpOptions = true, description = "The recorded sweeps and ablations, newest first.",
        footer = {"", "Examples:", "  mlci sweep list"})
final class SweepListCommand implements Callable<Integer> {

    @ParentCommand
    SweepCommand sweep;

    @Override
    public Integer call() {
        try (RunStore store = sweep.openStore()) {
            List<SweepRecord> records = new SweepStore(store).list();
            if (sweep.root().global().json()) {
                sweep.root().console().json(records);
                return 0;
            }
            for (SweepRecord record : records) {
                sweep.root().console().out().printf("%-24s %-9s %3d trials  best %s%n", record.id(), record.kind(),
                        record.trials().size(), record.best() == null ? "-" : record.best() + " (" + record.bestRun() + ")");
            }
            return 0;
        }
    }
}
