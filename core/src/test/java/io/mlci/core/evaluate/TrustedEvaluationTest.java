package io.mlci.core.evaluate;

import io.mlci.core.InvalidInputException;
import io.mlci.core.MlciException;
import io.mlci.core.ci.CheckRun;
import io.mlci.core.config.MlciYaml;
import io.mlci.core.data.workspace.DataOptions;
import io.mlci.core.data.workspace.DataWorkspace;
import io.mlci.core.gate.RuleStatus;
import io.mlci.core.report.MarkdownReport;
import io.mlci.core.report.ReportData;
import io.mlci.core.run.TrainOptions;
import io.mlci.core.run.Trainer;
import io.mlci.core.run.record.OutputFile;
import io.mlci.core.run.record.RunRecord;
import io.mlci.core.run.store.Fact;
import io.mlci.core.run.store.RunStore;
import io.mlci.core.run.store.RunStores;
import io.mlci.core.testing.GitRepos;
import io.mlci.core.testing.TestRepos;
import io.mlci.core.testing.TrainingRepos;
import org.eclipse.jgit.api.Git;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A pull request that lies about its model's quality: its evaluation script prints accuracy 1.0
 * and its {@code eval.dvc} points at an easy evaluation set. Main asks for a trusted evaluation,
 * so its own evaluation script runs in a fresh checkout of main's pinned commit, on the model the
 * pull request's run recorded and on main's evaluation set, and the gate judges those numbers.
 * Real repository, real shell scripts, real data pulled from a real (local) remote.
 */
public class TrustedEvaluationTest {

    /** Accuracy = the model's learning rate × the evaluation set's difficulty factor. */
    private static final String EVALUATE = """
            lr=$(awk '{print $2}' model/config.txt)
            factor=$(cat eval/set.txt)
            test -n "$MLCI_CANDIDATE_RUN"
            awk -v a="$lr" -v f="$factor" 'BEGIN { printf "{\\"accuracy\\": %.4f}\\n", a * f }' > metrics.json
            """;
    /** Accuracy at least 0.2 and no more than 0.05 below the baseline. */
    private static final String RULES = """
            gate:
              rules:
                - metric: accuracy
                  direction: higher
                  value: { min: 0.2 }
                  change: { absolute: { min: -0.05 } }
            """;
    private static final String TRUSTED = """
            evaluate:
              trusted: true
              command: sh evaluate.sh
              model: [model]
              data: [eval.dvc]
            """;
    private static final Map<String, String> PR = Map.of("CHANGE_ID", "7", "CHANGE_TARGET", "main", "CHANGE_BRANCH", "feature");

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private Path repo;
    private Git git;
    private RunRecord mainRun;
    private String pinned;

    /** Main trains (lr 0.5) and evaluates its model on a set of difficulty 0.8 in its training: accuracy 0.4. */
    @Before
    public void mainWithATrustedEvaluation() throws Exception {
        repo = TrainingRepos.create(temp.getRoot().toPath(), TrainingRepos.MLCI_YAML + RULES + TRUSTED, "ok");
        git = Git.open(repo.toFile());
        TestRepos.write(repo, "evaluate.sh", EVALUATE);
        TestRepos.write(repo, "train.sh", TrainingRepos.TRAIN_SCRIPT + "sh evaluate.sh\n");
        evaluationSet("0.8");
        GitRepos.commitAll(git, "evaluate on the held-out set");
        pinned = git.getRepository().resolve("refs/heads/main").name();
        mainRun = train(Map.of("BRANCH_NAME", "main"));
        assertThat(mainRun.metrics().get("accuracy").asDouble()).isEqualTo(0.4);
    }

    private void evaluationSet(String factor) throws Exception {
        TestRepos.write(repo, "eval/set.txt", factor + "\n");
        try (DataWorkspace data = DataWorkspace.open(repo, DataOptions.defaults())) {
            data.add(repo.resolve("eval"));
            data.push(null, List.of());
        }
    }

    private RunRecord train(Map<String, String> env) {
        List<String> sink = new ArrayList<>();
        return new Trainer(repo, TrainingRepos.options(new HashMap<>(env), sink, sink)
                .withExecutor(TrainOptions.ExecutorChoice.LOCAL)).train().record();
    }

    /**
     * A worse model (lr 0.3: 0.24 on main's set, 0.16 below main), whose pull request rewrites the
     * evaluation to print 1.0, points eval.dvc at an easy set, and switches trusted evaluation off.
     */
    private RunRecord lyingPullRequest() throws Exception {
        git.checkout().setCreateBranch(true).setName("feature").call();
        TestRepos.write(repo, "params.yaml", TrainingRepos.params(0.3, "ok"));
        TestRepos.write(repo, "evaluate.sh", "echo '{\"accuracy\": 1.0}' > metrics.json\n");
        TestRepos.write(repo, "mlci.yaml", TrainingRepos.MLCI_YAML + RULES
                + TRUSTED.replace("trusted: true", "trusted: false"));
        evaluationSet("10");
        GitRepos.commitAll(git, "a better model, honestly");
        RunRecord run = train(PR);
        assertThat(run.metrics().get("accuracy").asDouble()).as("what the pull request's own evaluation claims").isEqualTo(1.0);
        return run;
    }

    private EvaluationResult gate(boolean record) {
        return new Evaluation(repo, EvaluationOptions.defaults(PR).pinned(pinned, null)).run(record, true);
    }

    @Test
    public void shouldJudgeThePullRequestByTheTargetsEvaluationOfItsModel() throws Exception {
        RunRecord candidate = lyingPullRequest();

        EvaluationResult result = gate(true);

        String label = "trusted evaluation: main at " + pinned.substring(0, 7);
        assertThat(result.trusted().metrics().get("accuracy").asDouble()).isEqualTo(0.24);
        assertThat(result.result().verdict()).isEqualTo(RuleStatus.FAILED);
        assertThat(result.result().worst().cand()).isEqualTo(0.24);
        assertThat(result.result().worst().base()).isEqualTo(0.4);
        assertThat(result.result().evaluatedBy()).isEqualTo(label);
        assertThat(result.trusted().model()).extracting(TrustedEvaluation.UsedFile::md5)
                .containsExactly(candidate.outputs().get(0).md5());
        assertThat(result.trusted().data()).extracting(TrustedEvaluation.UsedFile::md5)
                .as("main's evaluation set, not the one the pull request's eval.dvc names")
                .containsExactly(mainRun.data().stream().filter(d -> d.path().equals("eval")).findFirst().orElseThrow().hash());
        assertThat(CheckRun.title(result.result())).endsWith("(" + label + ")");
        assertThat(MarkdownReport.render(ReportData.of(result, null))).contains("Metrics: " + label + " (sh evaluate.sh on model ")
                .contains("| 0.24 |");
        try (RunStore store = RunStores.open(RunStores.locate(null, null, PR), repo, PR)) {
            Fact fact = store.latestFact(candidate.id(), Evaluation.TRUSTED_EVALUATION_FACT).orElseThrow();
            assertThat(fact.body().path("commit").asText()).isEqualTo(pinned);
            assertThat(fact.body().path("metrics").path("accuracy").asDouble()).isEqualTo(0.24);
            assertThat(store.latestFact(candidate.id(), "gate").orElseThrow().body().path("evaluatedBy").asText()).isEqualTo(label);
        }
    }

    @Test
    public void shouldRefuseAModelWhoseFilesDoNotMatchTheRunRecord() throws Exception {
        RunRecord candidate = lyingPullRequest();
        OutputFile config = candidate.outputs().get(0).files().stream().filter(f -> f.path().endsWith("config.txt"))
                .findFirst().orElseThrow();
        // the copy the run pushed is swapped for main's better model's settings
        Path pushed = objectOnRemote(config.md5());
        pushed.toFile().setWritable(true);
        Files.writeString(pushed, "lr 0.5\n");

        assertThatThrownBy(() -> gate(true)).isInstanceOf(MlciException.class)
                .hasMessageContaining("the model of run " + candidate.id() + " does not match its record: model/config.txt")
                .hasMessageContaining("object " + config.md5() + " arrived damaged");
        try (RunStore store = RunStores.open(RunStores.locate(null, null, PR), repo, PR)) {
            assertThat(store.latestFact(candidate.id(), "gate")).as("no verdict recorded").isEmpty();
        }
    }

    @Test
    public void shouldFailWithoutAVerdictWhenTheTargetsEvaluationFails() throws Exception {
        Files.writeString(repo.resolve("evaluate.sh"), "echo 'no GPU' >&2; exit 3\n");
        pinned = GitRepos.commitAll(git, "a broken evaluation").name();
        RunRecord candidate = lyingPullRequest();

        assertThatThrownBy(() -> gate(true)).isInstanceOf(MlciException.class)
                .hasMessage("the trusted evaluation 'sh evaluate.sh' at main (" + pinned.substring(0, 7)
                        + ") exited with 3; the gate does not judge without it");
        try (RunStore store = RunStores.open(RunStores.locate(null, null, PR), repo, PR)) {
            assertThat(store.latestFact(candidate.id(), "gate")).isEmpty();
        }
    }

    @Test
    public void shouldNotPassOffACommittedMetricsFileAsTheEvaluationsOwn() throws Exception {
        // main commits a metrics.json with a perfect score and an evaluation that writes nothing (the
        // rewritten .gitignore still lists /eval, which data add put there: the set stays out of git)
        Files.writeString(repo.resolve(".gitignore"), "/model\n/ckpt\n/.trainings\n/eval\n");
        Files.writeString(repo.resolve("metrics.json"), "{\"accuracy\": 1.0}\n");
        Files.writeString(repo.resolve("evaluate.sh"), "echo evaluated\n");
        pinned = GitRepos.commitAll(git, "metrics committed").name();
        lyingPullRequest();

        assertThatThrownBy(() -> gate(false)).isInstanceOf(MlciException.class)
                .hasMessageContaining("wrote no metrics into metrics.json");
    }

    @Test
    public void shouldRefuseATrustedEvaluationWithoutAPinnedTarget() throws Exception {
        train(Map.of("BRANCH_NAME", "main"));

        assertThatThrownBy(() -> new Evaluation(repo, EvaluationOptions.defaults(Map.of()).trusted(true)).run(false))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("--trusted: a trusted evaluation runs the target's code at the commit pinned");
    }

    @Test
    public void shouldReadTheEvaluateSectionStrictly() {
        assertThatThrownBy(() -> MlciYaml.parse("mlci.yaml", "evaluate:\n  trusted: yes\n  command: sh e.sh\n"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("expected true or false");
        assertThatThrownBy(() -> MlciYaml.parse("mlci.yaml", "evaluate:\n  trusted: true\n"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("evaluate.command is missing");
        assertThat(MlciYaml.parse("mlci.yaml", TRUSTED).evaluate().data()).containsExactly("eval.dvc");
    }

    private Path objectOnRemote(String md5) throws Exception {
        try (Stream<Path> files = Files.walk(temp.getRoot().toPath().resolve("remote"))) {
            return files.filter(f -> f.getFileName().toString().equals(md5.substring(2))).findFirst().orElseThrow();
        }
    }
}
