package io.mlci.cli;

import io.mlci.core.config.MlciYaml;
import io.mlci.core.evaluate.Evaluation;
import io.mlci.core.evaluate.EvaluationOptions;
import io.mlci.core.evaluate.EvaluationResult;
import io.mlci.core.evaluate.RulesSource;
import io.mlci.core.report.Dashboard;
import io.mlci.core.report.MarkdownReport;
import io.mlci.core.report.Numbers;
import io.mlci.core.report.ReportData;
import io.mlci.core.registry.Actor;
import io.mlci.core.registry.ModelRef;
import io.mlci.core.registry.ModelRegistry;
import io.mlci.core.registry.ModelVersion;
import io.mlci.core.run.TrainOutcome;
import io.mlci.core.run.cost.Prices;
import io.mlci.core.run.store.RunQuery;
import io.mlci.core.run.store.RunStore;
import io.mlci.core.run.store.RunStores;
import io.mlci.core.sweep.SweepStore;
import io.mlci.core.storage.AtomicFiles;
import org.eclipse.jgit.api.Git;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The demo's pull request: a branch that lowers the learning rate, trained as a pull-request
 * build would be, judged against main's baseline with main's rules, then the Markdown report
 * and the dashboard written next to the repository.
 */
final class DemoReview {

    /** What the pull request produced. */
    record Outcome(EvaluationResult evaluation, Path report, Path dashboard, String production) {
    }

    /** What a Jenkins multibranch pull-request build sets. */
    private static final Map<String, String> PULL_REQUEST = Map.of("CHANGE_ID", "1", "CHANGE_TARGET", "main",
            "CHANGE_BRANCH", "lower-learning-rate", "BRANCH_NAME", "PR-1");

    private DemoReview() {
    }

    /** The main branch's run, gated and registered, then promoted to production: returns its models:/ URI. */
    private static String registerMainBaseline(Path repo, Map<String, String> carried) {
        Map<String, String> mainBuild = DemoCommand.withCarried(Map.of("BRANCH_NAME", "main", "BUILD_URL", "file://" + repo + "/"),
                carried);
        EvaluationResult gated = new Evaluation(repo, EvaluationOptions.defaults(mainBuild)).run(true);
        try (RunStore store = RunStores.open(null, repo, Map.of())) {
            ModelRegistry registry = new ModelRegistry(store);
            Actor actor = new Actor("mlci demo", null);
            String name = io.mlci.core.config.MlciYaml.load(repo).model();
            ModelVersion version = registry.register(store.get(gated.candidate().id()), name, actor, false, null);
            registry.promote(new ModelRef(name, version.version(), null), "production", actor, "the first baseline");
            return "models:/" + name + "/" + version.version();
        }
    }

    /** @param carried what the demo's builds take from the shell (see {@code DemoCommand}) */
    static Outcome run(Path repo, Git git, Path base, PrintStream out, Map<String, String> carried) throws Exception {
        Map<String, String> pullRequest = DemoCommand.withCarried(PULL_REQUEST, carried);
        String production = registerMainBaseline(repo, carried);
        out.println("12. Gated main's run (no earlier run: change rules rubber-stamped, value rules checked), registered it as "
                + production + " and promoted it to production");
        // what a CI server pins before the pull request's code runs: main's commit
        String mainCommit = git.getRepository().resolve("refs/heads/main").name();
        git.checkout().setCreateBranch(true).setName("lower-learning-rate").call();
        Path params = repo.resolve("params.yaml");
        Files.writeString(params, Files.readString(params).replace("lr: 0.5", "lr: 0.05"));
        git.add().addFilepattern("params.yaml").call();
        git.commit().setMessage("Lower the learning rate").setAuthor("mlci demo", "demo@mlci.invalid")
                .setCommitter("mlci demo", "demo@mlci.invalid").setSign(false).call();
        out.println("13. Opened pull request #1 (branch lower-learning-rate): train.lr 0.5 -> 0.05");
        TrainOutcome trained = DemoCommand.runTraining(repo, pullRequest, line -> { });
        out.printf("14. Trained the pull request: run %s, accuracy %s%n", trained.record().id(),
                Numbers.format(trained.record().metrics().get("accuracy")));

        EvaluationResult evaluation = new Evaluation(repo, EvaluationOptions.defaults(pullRequest)
                .pinned(mainCommit, null)).run(true, true);
        var result = evaluation.result();
        out.printf("15. Gate %s against %s (%s); rules from %s%n", result.verdict().label().toUpperCase(),
                evaluation.baseline() == null ? "no baseline" : "run " + evaluation.baseline().id(),
                result.baseline().reason(), result.rulesFrom());
        result.outcomes().forEach(o -> out.printf("      %-8s %-10s base %s, PR %s (Δ %s): %s%n", o.status().label(), o.metric(),
                Numbers.format(o.base()), Numbers.format(o.cand()), Numbers.signed(o.delta()), o.message()));

        Path report = base.resolve("report.md");
        Path dashboard = base.resolve("dashboard.html");
        try (RunStore store = RunStores.open(null, repo, Map.of())) {
            AtomicFiles.write(report, MarkdownReport.render(ReportData.of(evaluation, dashboard.toUri().toString()))
                    .getBytes(StandardCharsets.UTF_8));
            String html = Dashboard.render("mlci demo", store.records(RunQuery.all()), store.latestFacts("gate"),
                    RulesSource.load(repo, null), evaluation.modelVersions(), new SweepStore(store).list(),
                    Prices.of(MlciYaml.load(repo), carried));
            AtomicFiles.write(dashboard, html.getBytes(StandardCharsets.UTF_8));
        }
        out.println("16. Wrote the pull-request report and the dashboard");
        return new Outcome(evaluation, report, dashboard, production);
    }
}
