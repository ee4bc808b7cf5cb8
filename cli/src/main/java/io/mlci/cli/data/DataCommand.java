package io.mlci.cli.data;

import io.mlci.cli.MlciCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code mlci data}: versioned data pointers, the cache and remotes (DVC-compatible). */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = "Track, push, pull and verify versioned data (reads and writes DVC's formats).",
        subcommands = {DataAddCommand.class, DataHashCommand.class, DataStatusCommand.class,
                DataPushCommand.class, DataFetchCommand.class, DataPullCommand.class, DataCheckoutCommand.class, DataVerifyCommand.class,
                DataGcCommand.class})
public final class DataCommand implements Runnable {

    @ParentCommand
    MlciCommand root;

    @Spec
    CommandSpec spec;

    MlciCommand root() {
        return root;
    }

    @Override
    public void run() {
        spec.commandLine().usage(root.console().out());
    }
}
