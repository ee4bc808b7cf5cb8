package io.mlci.cli.review;

import io.mlci.cli.MlciCommand;
import io.mlci.core.evaluate.Snapshots;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "params", mixinStandardHelpOptions = true, description = "Compare params.",
        subcommands = {ParamsCommand.Diff.class})
public final class ParamsCommand implements Runnable {

    @ParentCommand
    MlciCommand root;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(root.console().out());
    }

    @Command(name = "diff", mixinStandardHelpOptions = true,
            description = "Compare params, as 'dvc params diff' does: only what changed unless --all.",
            footer = {"", "Examples:", "  mlci params diff", "  mlci params diff --base main"})
    static final class Diff implements Callable<Integer> {
        @ParentCommand
        ParamsCommand parent;

        @picocli.CommandLine.Mixin
        DiffOptions diff;

        @Override
        public Integer call() {
            diff.print(parent.root, "params", Snapshots::params, false);
            return 0;
        }
    }
}
