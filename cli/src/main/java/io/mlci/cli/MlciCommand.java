package io.mlci.cli;

import io.mlci.cli.data.DataCommand;
import io.mlci.core.progress.PrintedProgress;
import io.mlci.core.data.workspace.DataOptions;
import io.mlci.core.data.workspace.DataWorkspace;
import io.mlci.core.progress.ProgressListener;
import io.mlci.cli.data.RemoteCommand;
import io.mlci.cli.run.RunsCommand;
import io.mlci.cli.run.TrainCommand;
import picocli.CommandLine.Command;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The root {@code mlci} command: global options and the command groups. */
@Command(name = "mlci", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Make model training part of pull-request review: versioned data, "
                + "reproducible training runs, metric gates.",
        footer = {"", "Examples:",
                "  mlci data add data/            track a directory (writes data.dvc)",
                "  mlci remote add store s3://bucket/ml --default",
                "  mlci data push && mlci data pull",
                "  mlci train                     train as mlci.yaml says, or reuse an identical earlier run",
                "  mlci runs list --branch main",
                "  mlci metrics diff --base main   what changed, as dvc metrics diff",
                "  mlci gate --report report.md    judge the run against its baseline (exit 3 failed, 4 unstable)",
                "  mlci cost --by week            what training cost and what skipped runs saved",
                "  mlci demo                      run the whole flow on a throw-away repository",
                "", "Exit codes: 0 ok, 1 error, 2 usage, 3 gate failed, 4 gate unstable."})
public final class MlciCommand implements Runnable {

    /**
     * The command groups, in help order. Main registers only the one a command line names:
     * picocli reads every registered command's annotations at start-up, and a short command
     * should not pay for the whole tree.
     */
    public static final java.util.Map<String, Class<?>> GROUPS = groups();

    private static java.util.Map<String, Class<?>> groups() {
        java.util.Map<String, Class<?>> groups = new java.util.LinkedHashMap<>();
        groups.put("data", DataCommand.class);
        groups.put("remote", RemoteCommand.class);
        groups.put("train", TrainCommand.class);
        groups.put("repro", io.mlci.cli.run.ReproCommand.class);
        groups.put("runs", RunsCommand.class);
        groups.put("sweep", io.mlci.cli.run.SweepCommand.class);
        groups.put("metrics", io.mlci.cli.review.MetricsCommand.class);
        groups.put("params", io.mlci.cli.review.ParamsCommand.class);
        groups.put("gate", io.mlci.cli.review.GateCommand.class);
        groups.put("report", io.mlci.cli.review.ReportCommand.class);
        groups.put("dashboard", io.mlci.cli.review.DashboardCommand.class);
        groups.put("cost", io.mlci.cli.cost.CostCommand.class);
        groups.put("model", io.mlci.cli.model.ModelCommand.class);
        groups.put("config", ConfigCommand.class);
        groups.put("doctor", DoctorCommand.class);
        groups.put("demo", DemoCommand.class);
        return java.util.Collections.unmodifiableMap(groups);
    }

    private final Console console;
    private final Map<String, String> environment;

    @Mixin
    GlobalOptions global;

    @Spec
    CommandSpec spec;

    public MlciCommand(Console console, Map<String, String> environment) {
        this.console = console;
        this.environment = Map.copyOf(environment);
    }

    /** The process environment (CI variables, credentials); tests pass their own. */
    public Map<String, String> environment() {
        return environment;
    }

    public Console console() {
        return console;
    }

    public GlobalOptions global() {
        return global;
    }

    /** Progress on stderr: a bar on a terminal, lines otherwise (Jenkins consoles are not terminals). */
    public ProgressListener progress() {
        if (global.quiet()) {
            return ProgressListener.NONE;
        }
        return new PrintedProgress(console.err(), System.console() != null && !global.json());
    }

    /** One line per phase on stderr as "mlci: ..."; nothing with -q, which leaves only results and errors. */
    public java.util.function.Consumer<String> say() {
        if (global.quiet()) {
            return line -> { };
        }
        return line -> console.err().println("mlci: " + line);
    }

    /** Cache, parallelism and progress settings from the global options. */
    public DataOptions dataOptions() {
        return DataOptions.defaults().withCacheDir(global.cache()).withJobs(global.jobs()).withProgress(progress());
    }

    /** The run store: the given location, else mlci.yaml's {@code store}, else {@code .mlci/} in the repository. */
    public io.mlci.core.run.store.RunStore openStore(String location) {
        java.nio.file.Path repo = repositoryRoot();
        String chosen = io.mlci.core.run.store.RunStores.locate(location, io.mlci.core.config.MlciYaml.load(repo).store(), environment);
        return io.mlci.core.run.store.RunStores.open(chosen, repo, environment);
    }

    /** The repository root for -C (or the current directory). */
    public java.nio.file.Path repositoryRoot() {
        return DataWorkspace.findRoot(global.directory());
    }

    @Override
    public void run() {
        spec.commandLine().usage(console.out());
    }
}
