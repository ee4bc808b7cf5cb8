package io.mlci.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlci.core.data.workspace.DataOptions;
import io.mlci.core.data.workspace.DataWorkspace;
import io.mlci.core.testing.GitRepos;
import io.mlci.core.testing.TestRepos;
import org.eclipse.jgit.api.Git;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A 2x2 sweep and a two-feature ablation from the command line, as a user runs them on a laptop. */
public class SweepCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> ENV = Map.of("MLCI_BRANCH", "main", "PATH", System.getenv("PATH"));

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private Path repo;

    @Before
    public void createRepository() throws Exception {
        repo = temp.getRoot().toPath().resolve("churn");
        try (Git git = GitRepos.init(repo)) {
            TestRepos.write(repo, "data/rows.csv", "a,b\n1,2\n");
            try (DataWorkspace data = DataWorkspace.open(repo, DataOptions.defaults())) {
                data.add(repo.resolve("data"));
            }
            TestRepos.write(repo, "train.sh", """
                    #!/bin/sh
                    set -e
                    auc=$(awk "BEGIN { print 0.5 + $MLCI_PARAM_TRAIN_LR * $MLCI_PARAM_TRAIN_DEPTH / 10 }")
                    case "$MLCI_PARAM_FEATURES" in *'"income"'*) ;; *) auc=$(awk "BEGIN { print $auc - 0.2 }") ;; esac
                    case "$MLCI_PARAM_FEATURES" in *'"age"'*) ;; *) auc=$(awk "BEGIN { print $auc - 0.01 }") ;; esac
                    mkdir -p model && echo "$MLCI_PARAM_TRAIN_LR" > model/weights.txt
                    printf '{"auc": %s}\\n' "$auc" > metrics.json
                    """);
            TestRepos.write(repo, "params.yaml", "train:\n  lr: 0.1\n  depth: 3\nfeatures: [age, income, zip]\n");
            TestRepos.write(repo, "mlci.yaml", """
                    train:
                      command: sh train.sh
                      code: [train.sh]
                      outputs: [model]
                    metrics:
                      files: [metrics.json]
                    gate:
                      rules:
                        - metric: auc
                          value: {min: 0.6}
                    sweep:
                      params:
                        train.lr: [0.1, 0.2]
                        train.depth: [3, 5]
                      objective: {metric: auc, goal: max}
                    ablation:
                      features: [age, income]
                    """);
            TestRepos.write(repo, ".gitignore", "/model\n/metrics.json\n/.mlci\n");
            GitRepos.commitAll(git, "churn model");
        }
    }

    private CliRun mlci(String... args) {
        List<String> all = new ArrayList<>(List.of("-C", repo.toString()));
        all.addAll(List.of(args));
        return CliRun.withEnvironment(ENV, all.toArray(String[]::new));
    }

    private JsonNode json(CliRun run) throws Exception {
        assertThat(run.exitCode()).as(run.err()).isZero();
        return JSON.readTree(run.out());
    }

    @Test
    public void shouldCheckAndShowTheSweepAndAblationInConfig() throws Exception {
        JsonNode config = JSON.readTree(CliRun.in(repo, ENV, "--json", "config").out());

        assertThat(config.at("/sweep/strategy").asText()).isEqualTo("grid");
        assertThat(config.at("/sweep/params").toString()).isEqualTo("[\"train.lr\",\"train.depth\"]");
        assertThat(config.at("/sweep/objective").asText()).isEqualTo("auc (max)");
        assertThat(config.at("/ablation/leaveOut/features").toString()).isEqualTo("[\"age\",\"income\"]");
        assertThat(config.at("/cost/currency").asText()).isEqualTo("USD");
        // the text form is the same tree, as YAML a user can read and paste back
        CliRun text = CliRun.in(repo, ENV, "config");
        assertThat(text.out()).contains("sweep:\n  params:\n  - train.lr\n").doesNotContain("={");
        assertThat(new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readTree(text.out()))
                .isEqualTo(config);

        Files.writeString(repo.resolve("mlci.yaml"), Files.readString(repo.resolve("mlci.yaml")).replace("goal: max", "goal: up"));
        CliRun broken = CliRun.in(repo, ENV, "config");
        assertThat(broken.exitCode()).isEqualTo(1);
        assertThat(broken.err()).contains("mlci.yaml").contains("sweep.objective.goal").contains("'up'");
    }

    @Test
    public void shouldRunAGridGateTheBestTrialAndReuseEveryTrialTheSecondTime() throws Exception {
        JsonNode plan = json(mlci("--json", "sweep", "plan"));
        assertThat(plan.get("trials")).hasSize(4);

        CliRun run = mlci("sweep", "run", "-j", "2");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("best t4 (train.lr=0.2 train.depth=5) with auc 0.6")
                .containsPattern("★\\s+t4\\s+train.lr=0.2 train.depth=5\\s+0.6\\s+succeeded");

        JsonNode sweep = json(mlci("--json", "sweep", "show", "latest"));
        String best = sweep.get("bestRun").asText();
        Path report = temp.getRoot().toPath().resolve("report.md");
        CliRun gate = mlci("gate", "--run", best, "--base", "none", "--report", report.toString());
        assertThat(gate.exitCode()).as(gate.out() + gate.err()).isZero();
        String markdown = Files.readString(report);
        assertThat(markdown).contains("### Sweep " + sweep.get("id").asText())
                .contains("| ★ | t4 | train.lr=0.2 train.depth=5 | 0.6 | succeeded |")
                .contains("|  | t1 | train.lr=0.1 train.depth=3 | 0.53 | succeeded |").doesNotContain("not the sweep's best");

        JsonNode again = json(mlci("--json", "sweep", "run"));
        assertThat(again.get("trials").findValuesAsText("status")).containsOnly("reused");
        assertThat(Files.readString(repo.resolve("params.yaml"))).contains("lr: 0.1");
    }

    @Test
    public void shouldTakeASweepGivenByAPipelineStepInsteadOfMlciYamls() throws Exception {
        String spec = "{\"params\": {\"train.lr\": [0.3]}, \"objective\": {\"metric\": \"auc\", \"goal\": \"max\"}}";

        JsonNode plan = json(mlci("--json", "sweep", "plan", "--spec", spec));
        JsonNode sweep = json(mlci("--json", "sweep", "run", "--spec", spec));

        assertThat(plan.get("trials")).hasSize(1);
        assertThat(plan.at("/trials/0/overrides/train.lr").asText()).isEqualTo("0.3");
        assertThat(sweep.at("/trials/0/objective").asDouble()).isEqualTo(0.59);
        CliRun bad = mlci("sweep", "plan", "--spec", "{\"params\": {\"train.lr\": [0.3]}}");
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.err()).contains("--spec").contains("objective");
    }

    @Test
    public void shouldReportTheDropOfEachLeftOutFeature() throws Exception {
        CliRun run = mlci("sweep", "run", "--ablation");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("income\\s+0.33\\s+-0.2")
                .containsPattern("age\\s+0.52\\s+-0.01");
        assertThat(run.out().indexOf("income")).isLessThan(run.out().lastIndexOf("age"));
    }

    @Test
    public void shouldRecordTrialsTrainedOneByOneAsAJenkinsFanOutDoes() throws Exception {
        List<String> trials = new ArrayList<>();
        for (JsonNode trial : json(mlci("--json", "sweep", "plan")).get("trials")) {
            List<String> args = new ArrayList<>(List.of("--json", "train", "--executor", "local"));
            trial.get("overrides").fields().forEachRemaining(e -> args.addAll(List.of("-S", e.getKey() + "=" + e.getValue().asText())));
            String runId = json(mlci(args.toArray(String[]::new))).at("/run/id").asText();
            trials.add("--trial");
            trials.add(trial.get("name").asText() + "=" + runId);
            try (Git git = Git.open(repo.toFile())) {
                git.checkout().addPath("params.yaml").call();
            }
        }
        List<String> record = new ArrayList<>(List.of("--json", "sweep", "record"));
        record.addAll(trials);

        JsonNode sweep = json(mlci(record.toArray(String[]::new)));

        assertThat(sweep.get("best").asText()).isEqualTo("t4");
        assertThat(sweep.get("trials").findValuesAsText("status")).containsOnly("succeeded");
        CliRun wrong = mlci("sweep", "record", "--trial", "t7=" + sweep.get("bestRun").asText());
        assertThat(wrong.exitCode()).isEqualTo(1);
        assertThat(wrong.err()).contains("'t7' is not a trial of this sweep");
        CliRun dryRunWithSet = mlci("train", "--dry-run", "-S", "train.lr=0.3");
        assertThat(dryRunWithSet.exitCode()).isNotZero();
        assertThat(dryRunWithSet.err()).contains("--dry-run");
    }
}
