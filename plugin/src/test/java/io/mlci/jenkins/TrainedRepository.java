package io.mlci.jenkins;

import io.mlci.core.run.Trainer;
import io.mlci.core.run.record.RunRecord;
import io.mlci.core.testing.GitRepos;
import io.mlci.core.testing.TrainingRepos;
import org.eclipse.jgit.api.Git;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A real git repository with a real trained baseline on main and a pull-request branch trained
 * with another learning rate (the test training reports accuracy = lr), made with the core's own
 * test fixtures; the pipelines under test then run in it with {@code ws(path)}.
 */
final class TrainedRepository {

    static final String RULES = """
            gate:
              rules:
                - metric: accuracy
                  direction: higher
                  value: { min: 0.4 }
                  change: { absolute: { min: -0.05 } }
            """;
    static final Map<String, String> PULL_REQUEST = Map.of("CHANGE_ID", "7", "CHANGE_TARGET", "main",
            "CHANGE_BRANCH", "feature", "BRANCH_NAME", "PR-7");

    final Path root;
    final RunRecord baseline;
    final RunRecord candidate;

    private TrainedRepository(Path root, RunRecord baseline, RunRecord candidate) {
        this.root = root;
        this.baseline = baseline;
        this.candidate = candidate;
    }

    /** main trained at lr 0.5, then a pull request trained at {@code lr}. */
    static TrainedRepository withPullRequest(Path dir, double lr) throws Exception {
        Path repo = TrainingRepos.create(dir, TrainingRepos.MLCI_YAML + RULES, "ok");
        RunRecord main = train(repo, Map.of("BRANCH_NAME", "main"));
        try (Git git = Git.open(repo.toFile())) {
            git.checkout().setCreateBranch(true).setName("feature").call();
            Files.writeString(repo.resolve("params.yaml"), TrainingRepos.params(lr, "ok"));
            GitRepos.commitAll(git, "change lr");
        }
        return new TrainedRepository(repo, main, train(repo, PULL_REQUEST));
    }

    private static RunRecord train(Path repo, Map<String, String> env) {
        List<String> sink = new ArrayList<>();
        return new Trainer(repo, TrainingRepos.options(new HashMap<>(env), sink, sink)).train().record();
    }

    /** The pipeline's environment for the pull request, as withEnv takes it. */
    static String withEnv() {
        StringBuilder list = new StringBuilder("[");
        PULL_REQUEST.forEach((name, value) -> list.append(list.length() > 1 ? ", " : "").append("'").append(name)
                .append('=').append(value).append("'"));
        return list.append(']').toString();
    }
}
