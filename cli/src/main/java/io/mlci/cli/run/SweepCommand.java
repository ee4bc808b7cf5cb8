package io.mlci.cli.run;

import io.mlci.cli.MlciCommand;
import io.mlci.core.run.store.RunStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Hyperparameter sweeps and ablation studies declared in mlci.yaml ('sweep:' and 'ablation:').",
                "Every trial is an ordinary run with its own run key, so trials identical to earlier runs are reused. "
                        + "The sweep record lists the trials and names the best one, which 'mlci gate --run' then judges."},
        subcommands = {SweepRunCommand.class, SweepPlanCommand.class, SweepRecordCommand.class, SweepShowCommand.class,
                SweepListCommand.class},
        footer = {"", "Examples:", "  mlci sweep plan", "  mlci sweep run -j 2", "  mlci sweep run --ablation",
                "  mlci sweep show latest", "  mlci gate --run \"$(mlci --json sweep show latest | jq -r .bestRun)\""})
public final class SweepCommand implements Runnable {

    @ParentCommand
    MlciCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--store", paramLabel = "LOCATION", scope = ScopeType.INHERIT,
            description = "Run store: a directory or s3://bucket/prefix (default: 'store' in mlci.yaml, else .mlci/).")
    String store;

    MlciCommand root() {
        return root;
    }

    String storeLocation() {
        return store;
    }

    RunStore openStore() {
        return root.openStore(store);
    }

    @Override
    public void run() {
        spec.commandLine().usage(root.console().out());
    }
}
