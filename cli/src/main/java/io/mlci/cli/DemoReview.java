package io.mlci.cli;

import io.mlci.core.evaluate.Evaluation;
import io.mlci.core.evaluate.EvaluationOptions;
import io.mlci.core.evaluate.EvaluationResult;
import io.mlci.core.evaluate.RulesSource;
import io.mlci.core.report.Dashboard;
import io.mlci.core.report.MarkdownReport;
import io.mlci.core.report.Numbers;
import io.mlci.core.report.ReportData;
import io.mlci.core.run.TrainOutcome;
import io.mlci.core.run.store.RunQuery;
import io.mlci.core.run.store.RunStore;
import io.mlci.core.run.store.RunStores;
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
    record Outcome(EvaluationResult evaluation, Path report, Path dashboard) {
    }

    /** What a Jenkins multibranch pull-request build sets. */
    private static final Map<String, String> PULL_REQUEST = Map.of("CHANGE_ID", "1", "CHANGE_TARGET", "main",
            "CHANGE_BRANCH", "lower-learning-rate", "BRANCH_NAME", "PR-1");

    private DemoReview() {
    }

    static Outcome run(Path repo, Git git, Path base, PrintStream out) throws Exception {
        git.checkout().setCreateBranch(true).setName("lower-learning-rate").call();
        Path params = repo.resolve("params.yaml");
        Files.writeString(params, Files.readString(params).replace("lr: 0.5", "lr: 0.05"));
        git.add().addFilepattern("params.yaml").call();
        git.commit().setMessage("Lower the learning rate").setAuthor("mlci demo", "demo@mlci.invalid")
                .setCommitter("mlci demo", "demo@mlci.invalid").setSign(false).call();
        out.println("12. Opened pull request #1 (branch lower-learning-rate): train.lr 0.5 -> 0.05");
        TrainOutcome trained = DemoCommand.runTraining(repo, PULL_REQUEST, line -> { });
        out.printf("13. Trained the pull request: run %s, accuracy %s%n", trained.record().id(),
                Numbers.format(trained.record().metrics().get("accuracy")));

        EvaluationResult evaluation = new Evaluation(repo, EvaluationOptions.defaults(PULL_REQUEST)).run(true);
        var result = evaluation.result();
        out.printf("14. Gate %s against %s (%s); rules from %s%n", result.verdict().label().toUpperCase(),
                evaluation.baseline() == null ? "no baseline" : "run " + evaluation.baseline().id(),
                result.baseline().reason(), result.rulesFrom());
        result.outcomes().forEach(o -> out.printf("      %-8s %-10s base %s, PR %s (Δ %s)%n", o.status().label(), o.metric(),
                Numbers.format(o.base()), Numbers.format(o.cand()), Numbers.signed(o.delta())));

        Path report = base.resolve("report.md");
        Path dashboard = base.resolve("dashboard.html");
        AtomicFiles.write(report, MarkdownReport.render(ReportData.of(evaluation, dashboard.toUri().toString()))
                .getBytes(StandardCharsets.UTF_8));
        try (RunStore store = RunStores.open(null, repo, Map.of())) {
            String html = Dashboard.render("mlci demo", store.records(RunQuery.all()), store.latestFacts("gate"),
                    RulesSource.load(repo, null), Map.of());
            AtomicFiles.write(dashboard, html.getBytes(StandardCharsets.UTF_8));
        }
        out.println("15. Wrote the pull-request report and the dashboard");
        return new Outcome(evaluation, report, dashboard);
    }
}
