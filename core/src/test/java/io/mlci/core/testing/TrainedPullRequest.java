package io.mlci.core.testing;

import io.mlci.core.run.Trainer;
import io.mlci.core.evaluate.EvaluationOptions;
import io.mlci.core.run.record.RunRecord;
import org.eclipse.jgit.api.Git;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A real repository with a baseline trained on main (lr 0.5) and a pull request trained at another
 * learning rate on branch feature — the test training reports accuracy = lr — gated by
 * {@link #RULES}: accuracy at least 0.4 and no more than 0.05 below the baseline.
 *
 * @param root      the repository, checked out at the pull request's commit
 * @param baseline  main's run
 * @param candidate the pull request's run
 */
public record TrainedPullRequest(Path root, RunRecord baseline, RunRecord candidate) {

    public static final String RULES = """
            gate:
              rules:
                - metric: accuracy
                  direction: higher
                  value: { min: 0.4 }
                  change: { absolute: { min: -0.05 } }
            """;
    public static final String MAIN_BUILD = "https://ci.example.com/job/churn/main/1/";
    /** What Jenkins sets for pull request 7 into main. */
    public static final Map<String, String> PULL_REQUEST = Map.of("CHANGE_ID", "7", "CHANGE_TARGET", "main",
            "CHANGE_BRANCH", "feature", "BRANCH_NAME", "PR-7", "BUILD_URL", "https://ci.example.com/job/churn/PR-7/3/");

    public static TrainedPullRequest create(Path dir, double lr) throws Exception {
        Path repo = TrainingRepos.create(dir, TrainingRepos.MLCI_YAML + RULES, "ok");
        RunRecord main = train(repo, Map.of("BRANCH_NAME", "main", "BUILD_URL", MAIN_BUILD));
        try (Git git = Git.open(repo.toFile())) {
            git.checkout().setCreateBranch(true).setName("feature").call();
            Files.writeString(repo.resolve("params.yaml"), TrainingRepos.params(lr, "ok"));
            GitRepos.commitAll(git, "change lr");
        }
        return new TrainedPullRequest(repo, main, train(repo, PULL_REQUEST));
    }

    /** What Jenkins sets for the pull request, with main's commit pinned as the library and the plugin pin it. */
    public Map<String, String> pullRequestEnvironment() {
        Map<String, String> env = new HashMap<>(PULL_REQUEST);
        env.put(EvaluationOptions.TARGET_COMMIT_VARIABLE, baseline.source().commit());
        return env;
    }

    private static RunRecord train(Path repo, Map<String, String> env) {
        List<String> sink = new ArrayList<>();
        return new Trainer(repo, TrainingRepos.options(new HashMap<>(env), sink, sink)).train().record();
    }
}
