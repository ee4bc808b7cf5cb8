package io.mlci.cli;

import io.mlci.cli.data.DataCommand;
import io.mlci.cli.data.RemoteCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The root {@code mlci} command: global options and the command groups. */
@Command(name = "mlci", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Make model training part of pull-request review: versioned data, "
                + "reproducible training runs, metric gates.",
        subcommands = {DataCommand.class, RemoteCommand.class, DemoCommand.class},
        footer = {"", "Examples:",
                "  mlci data add data/            track a directory (writes data.dvc)",
                "  mlci remote add store s3://bucket/ml --default",
                "  mlci data push && mlci data pull",
                "  mlci demo                      run the whole flow on a throw-away repository",
                "", "Exit codes: 0 ok, 1 error, 2 usage, 3 gate failed, 4 gate unstable."})
public final class MlciCommand implements Runnable {

    private final Console console;

    @Mixin
    GlobalOptions global;

    @Spec
    CommandSpec spec;

    public MlciCommand(Console console) {
        this.console = console;
    }

    public Console console() {
        return console;
    }

    public GlobalOptions global() {
        return global;
    }

    @Override
    public void run() {
        spec.commandLine().usage(console.out());
    }
}
