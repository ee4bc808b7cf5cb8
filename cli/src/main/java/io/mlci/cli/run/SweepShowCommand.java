package io.mlci.cli.run;

import io.mlci.core.run.store.RunStore;
import io.mlci.core.sweep.SweepRecord;
import io.mlci.core.sweep.SweepStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

@Command(name = "show", mixinStandardHelpOptions = true,
        description = "The trials of a sweep with their params, objective and status, the best marked; for an ablation, "
                + "the drop in the objective per left-out item.",
        footer = {"", "Examples:", "  mlci sweep show latest", "  mlci --json sweep show 20261205-1015"})
final class SweepShowCommand implements Callable<Integer> {

    @ParentCommand
    SweepCommand sweep;

    @Parameters(paramLabel = "SWEEP", defaultValue = "latest", description = "Sweep id, a unique prefix, or 'latest'.")
    String id;

    @Override
    public Integer call() {
        try (RunStore store = sweep.openStore()) {
            SweepRecord record = new SweepStore(store).get(id);
            if (sweep.root().global().json()) {
                sweep.root().console().json(record);
            } else {
                SweepText.print(sweep.root().console().out(), record);
            }
            return 0;
        }
    }
}
