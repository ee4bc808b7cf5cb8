package io.mlci.cli.run;

import io.mlci.cli.MlciCommand;
import io.mlci.core.run.store.RunStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

@Command(name = "runs", mixinStandardHelpOptions = true,
        description = "Query the run store: list, show, compare, rerun and fetch the outputs of recorded trainings, "
                + "and finish a training whose upload failed.",
        subcommands = {RunsListCommand.class, RunsShowCommand.class, RunsDiffCommand.class, RunsRerunCommand.class,
                RunsOutputCommand.class, RunsLogCommand.class, RunsPushCommand.class},
        footer = {"", "Examples:", "  mlci runs list --branch main -n 5", "  mlci runs show 20261123-1818",
                "  mlci runs diff RUN_A RUN_B", "  mlci runs rerun RUN --set train.lr=0.01",
                "  mlci runs output RUN -o /tmp/model", "  mlci runs push RUN     (a run whose upload failed)"})
public final class RunsCommand implements Runnable {

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
