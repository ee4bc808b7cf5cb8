package io.mlci.cli;

import io.mlci.core.progress.PrintedProgress;
import io.mlci.cli.output.Formats;
import io.mlci.core.data.pointer.DvcConfig;
import io.mlci.core.data.transfer.TransferStats;
import io.mlci.core.data.workspace.AddedOutput;
import io.mlci.core.data.workspace.DataOptions;
import io.mlci.core.data.workspace.DataWorkspace;
import io.mlci.core.data.workspace.OutputStatus;
import io.mlci.core.data.workspace.PullResult;
import io.mlci.core.data.workspace.VerifyProblem;
import io.mlci.core.progress.ProgressListener;
import io.mlci.core.config.MlciConfig;
import io.mlci.core.config.MlciYaml;
import io.mlci.core.run.TrainOptions;
import io.mlci.core.run.TrainOutcome;
import io.mlci.core.run.Trainer;
import io.mlci.core.run.exec.CommandOutput;
import io.mlci.core.run.exec.OutputSink;
import io.mlci.core.storage.FileTrees;
import org.eclipse.jgit.api.Git;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.nio.file.StandardOpenOption;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;

/**
 * {@code mlci demo}: the whole flow on a throw-away git repository, with no network and no setup:
 * track a dataset, push it to a local remote, lose the cache and the workspace copy, pull it
 * back and verify every byte; then train the example classifier and train again with nothing
 * changed, which is skipped and restores the first run's model; then a "pull request" that
 * changes a param, trained, gated against main, with its report and the dashboard written.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run mlci end to end on a throw-away repository (local remote, no network).",
        footer = {"", "Example:", "  mlci demo --dir /tmp/mlci-demo"})
final class DemoCommand implements Callable<Integer> {

    @ParentCommand
    MlciCommand root;

    @Option(names = "--dir", paramLabel = "DIR", description = "Where to build the demo (default: a new temporary directory).")
    Path dir;

    @Override
    public Integer call() throws Exception {
        Path base = dir != null ? dir.toAbsolutePath() : Files.createTempDirectory("mlci-demo-");
        Path repo = base.resolve("repo");
        Path remote = base.resolve("remote");
        if (Files.exists(repo)) {
            throw new io.mlci.core.MlciException(repo + " already exists; pass an empty --dir");
        }
        PrintStream out = root.global().json() ? root.console().err() : root.console().out();
        ProgressListener progress = root.global().quiet() ? ProgressListener.NONE
                : new PrintedProgress(root.console().err(), false);
        DataOptions options = DataOptions.defaults().withProgress(progress);

        out.println("1. Creating an ML repository at " + repo);
        Files.createDirectories(repo);
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            writeDataset(repo.resolve("data"));
            AddedOutput added;
            try (DataWorkspace workspace = DataWorkspace.open(repo, options)) {
                added = workspace.add(repo.resolve("data"));
            }
            out.printf("2. Tracked data/ (%s files, %s) as data.dvc -> %s%n", added.output().nfiles(),
                    Formats.bytes(added.output().size()), added.output().objectId());
            DvcConfig.addRemote(repo.resolve(".dvc"), "local", remote.toString(), true);
            git.add().addFilepattern(".").call();
            commit(git, "Track the training data");
            out.println("3. Committed data.dvc, .gitignore and .dvc/config (remote 'local' -> " + remote + ")");

            TransferStats pushed;
            try (DataWorkspace workspace = DataWorkspace.open(repo, options)) {
                pushed = workspace.push(null, List.of());
            }
            out.printf("4. Pushed %d objects (%s) to the remote%n", pushed.transferred(), Formats.bytes(pushed.bytes()));

            FileTrees.delete(repo.resolve(".dvc").resolve("cache"));
            FileTrees.delete(repo.resolve("data"));
            out.println("5. Deleted the local cache and data/ (a fresh CI agent has neither)");

            PullResult pulled;
            List<VerifyProblem> problems;
            try (DataWorkspace workspace = DataWorkspace.open(repo, options)) {
                pulled = workspace.pull(null, List.of(), false);
                problems = workspace.verify(List.of());
            }
            out.printf("6. Pulled %d objects and placed %d files (%s)%n", pulled.transfer().transferred(),
                    pulled.placed(), pulled.linkType().name().toLowerCase(Locale.ROOT));
            if (!problems.isEmpty()) {
                problems.forEach(p -> out.println("   " + p.path() + ": " + p.problem()));
                throw new io.mlci.core.MlciException("demo: verification found " + problems.size() + " problem(s)");
            }
            out.println("7. Verified: every byte of data/ matches " + added.output().objectId());
            try (DataWorkspace workspace = DataWorkspace.open(repo, options)) {
                for (OutputStatus status : workspace.status(List.of())) {
                    out.printf("8. Status: %s is %s, pinned by %s at commit %s%n", status.tracked().output().workspacePath(),
                            status.workspace().label(status.tracked().role()), status.tracked().pointer(),
                            status.commit() == null ? "(uncommitted)" : status.commit().shortId());
                }
            }
            TrainOutcome first = train(repo, git, out);
            out.printf("10. Trained run %s in %s: %s%n", first.record().id(),
                    String.format(Locale.ROOT, "%.1f s", first.record().durationSeconds()), metrics(first));
            FileTrees.delete(repo.resolve("model"));
            TrainOutcome second = runTraining(repo, line -> { });
            if (!second.skipped()) {
                throw new io.mlci.core.MlciException("demo: the identical second training was not skipped");
            }
            if (!Files.isRegularFile(repo.resolve("model/model.json"))) {
                throw new io.mlci.core.MlciException("demo: the reused run's model was not restored");
            }
            out.printf("11. Deleted model/ and trained again with nothing changed: skipped, reusing run %s "
                    + "(run key %s); model/ was restored from the cache%n", second.original().id(),
                    second.record().runKey().substring(0, 12));
            DemoReview.Outcome review = DemoReview.run(repo, git, base, out, carried());
            out.println();
            out.println("Report:    " + review.report());
            out.println("Dashboard: " + review.dashboard());
            out.println("Open: " + repo + "  (try 'mlci -C " + repo + " runs list', 'mlci -C " + repo + " runs show "
                    + review.evaluation().candidate().id() + "')");
            if (root.global().json()) {
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("repository", repo.toString());
                result.put("remote", remote.toString());
                result.put("dataHash", added.output().objectId().value());
                result.put("pushed", pushed.transferred());
                result.put("pulled", pulled.transfer().transferred());
                result.put("verified", true);
                result.put("trainedRun", first.record().id());
                result.put("metrics", first.record().metrics());
                result.put("skippedRun", second.record().id());
                result.put("pullRequestRun", review.evaluation().candidate().id());
                result.put("verdict", review.evaluation().result().verdict().label());
                result.put("report", review.report().toString());
                result.put("dashboard", review.dashboard().toString());
                result.put("production", review.production());
                root.console().json(result);
            }
        }
        return 0;
    }

    /** Adds the example repository's training (train.py, params.yaml, mlci.yaml), commits it and trains. */
    private TrainOutcome train(Path repo, Git git, PrintStream out) throws Exception {
        if (CommandOutput.ifSucceeds(List.of("python3", "--version"), Duration.ofSeconds(10)).isEmpty()) {
            throw new io.mlci.core.MlciException("the demo's training runs 'python3 train.py'; install Python 3 "
                    + "(standard library only) and run the demo again");
        }
        for (String file : List.of("train.py", "params.yaml", "mlci.yaml")) {
            try (InputStream in = DemoCommand.class.getResourceAsStream("demo/quickstart/" + file)) {
                if (in == null) {
                    throw new IllegalStateException("the CLI jar lacks the example file " + file);
                }
                Files.write(repo.resolve(file), in.readAllBytes());
            }
        }
        MlciConfig config = MlciYaml.load(repo);
        List<String> generated = new ArrayList<>(config.train().outputs());
        generated.add(config.train().checkpoints().path());
        generated.addAll(config.metrics().files());
        generated.add(config.metrics().predictions());
        Files.writeString(repo.resolve(".gitignore"), generated.stream().map(p -> "/" + p.replaceAll("/$", "") + "\n")
                .reduce("", String::concat), StandardOpenOption.APPEND);
        git.add().addFilepattern(".").call();
        commit(git, "Train a classifier (train.py, params.yaml, mlci.yaml)");
        out.println("9. Committed the training: train.py, params.yaml and mlci.yaml from examples/quickstart");
        return runTraining(repo, line -> {
            // every fifth epoch is enough to see it learn
            if (!line.matches("epoch \\d+/.*") || line.matches("epoch \\d*[05]/.*")) {
                out.println("    | " + line);
            }
        });
    }

    private TrainOutcome runTraining(Path repo, OutputSink output) {
        return runTraining(repo, withCarried(Map.of("MLCI_BRANCH", "main"), carried()), output);
    }

    /**
     * What the demo's builds take from the shell it runs in: only the price of an hour
     * ({@code MLCI_PRICE_PER_HOUR}), so its runs, report and {@code mlci cost} show money; every
     * other variable stays out, so the demo behaves the same in any shell.
     */
    private Map<String, String> carried() {
        String price = root.environment().get(io.mlci.core.run.cost.Prices.PRICE_VARIABLE);
        return price == null ? Map.of() : Map.of(io.mlci.core.run.cost.Prices.PRICE_VARIABLE, price);
    }

    static Map<String, String> withCarried(Map<String, String> build, Map<String, String> carried) {
        Map<String, String> all = new LinkedHashMap<>(build);
        all.putAll(carried);
        return Map.copyOf(all);
    }

    static TrainOutcome runTraining(Path repo, Map<String, String> environment, OutputSink output) {
        TrainOptions options = TrainOptions.defaults(environment, Version.number())
                .withExecutor(TrainOptions.ExecutorChoice.LOCAL)
                .withData(DataOptions.defaults().withProgress(ProgressListener.NONE))
                .withOutput(line -> { }, output);
        return new Trainer(repo, options).train();
    }

    private static String metrics(TrainOutcome outcome) {
        return outcome.record().metrics().entrySet().stream().filter(e -> !e.getKey().startsWith("slices."))
                .map(e -> e.getKey() + " " + e.getValue()).reduce((a, b) -> a + ", " + b).orElse("no metrics");
    }

    private static void commit(Git git, String message) throws Exception {
        git.commit().setMessage(message).setAuthor("mlci demo", "demo@mlci.invalid")
                .setCommitter("mlci demo", "demo@mlci.invalid").setSign(false).call();
    }

    /** A small, deterministic tabular dataset: a train split, an eval split and a data card. */
    static void writeDataset(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("splits"));
        Random random = new Random(42);
        writeSplit(dir.resolve("splits").resolve("train.csv"), random, 800);
        writeSplit(dir.resolve("splits").resolve("eval.csv"), random, 200);
        Files.writeString(dir.resolve("README.md"), "# Demo dataset\n\nTwo features and a binary label; "
                + "label = 1 when x1 + x2 > 1 (with 5% label noise).\n", StandardCharsets.UTF_8);
    }

    private static void writeSplit(Path file, Random random, int rows) throws IOException {
        StringBuilder csv = new StringBuilder("x1,x2,label\n");
        for (int i = 0; i < rows; i++) {
            double x1 = random.nextDouble();
            double x2 = random.nextDouble();
            int label = (x1 + x2 > 1) ^ (random.nextDouble() < 0.05) ? 1 : 0;
            csv.append(String.format(Locale.ROOT, "%.4f,%.4f,%d%n", x1, x2, label));
        }
        Files.writeString(file, csv, StandardCharsets.UTF_8);
    }
}
