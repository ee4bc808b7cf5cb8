package io.mlci.core.sweep;

import io.mlci.core.InvalidInputException;
import io.mlci.core.data.pointer.DvcConfig;
import io.mlci.core.data.workspace.DataOptions;
import io.mlci.core.data.workspace.DataWorkspace;
import io.mlci.core.report.SweepTable;
import io.mlci.core.run.TrainOptions;
import io.mlci.core.run.cost.Money;
import io.mlci.core.run.record.Resources;
import io.mlci.core.run.record.RunRecord;
import io.mlci.core.run.store.RunStore;
import io.mlci.core.run.store.RunStores;
import io.mlci.core.testing.GitRepos;
import io.mlci.core.testing.TestRepos;
import io.mlci.core.testing.TrainingRepos;
import org.eclipse.jgit.api.Git;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Sweeps on a real git repository with tracked data and a real shell training, as a user runs them. */
public class SweepRunnerTest {

    /** auc = lr * depth, so the grid's best trial is known; val_auc per step for early stopping. */
    private static final String TRAIN = """
            #!/bin/sh
            set -e
            test -f data/a.txt
            lr=$MLCI_PARAM_TRAIN_LR; depth=$MLCI_PARAM_TRAIN_DEPTH
            auc=$(awk "BEGIN { print $lr * $depth }")
            steps=${MLCI_PARAM_TRAIN_STEPS:-1}
            i=1
            while [ "$i" -le "$steps" ]; do
              echo "step=$i val_auc=$(awk "BEGIN { print $auc * $i / $steps }")"
              sleep "$MLCI_PARAM_TRAIN_PAUSE"
              i=$((i + 1))
            done
            mkdir -p model
            echo "lr=$lr depth=$depth" > model/weights.txt
            printf '{"auc": %s}\\n' "$auc" > metrics.json
            """;

    private static final String MLCI_YAML = """
            train:
              command: sh train.sh
              code: [train.sh]
              outputs: [model]
            metrics:
              files: [metrics.json]
            sweep:
              params:
                train.lr: [0.1, 0.3]
                train.depth: [2, 3]
              objective: {metric: auc, goal: max}
              maxParallel: 2
            """;

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private final List<String> phases = new CopyOnWriteArrayList<>();
    private final List<String> output = new CopyOnWriteArrayList<>();

    @Test
    public void shouldRunEveryTrialOfAGridAndNameTheBest() throws Exception {
        Path repo = repository(MLCI_YAML, "train:\n  lr: 0.5\n  depth: 1\n  steps: 1\n  pause: 0\n");

        SweepRecord sweep = runner(repo).run(new SweepRunner.Request(false, null, 0, null, false));

        assertThat(sweep.kind()).isEqualTo("sweep");
        assertThat(sweep.trials()).extracting(TrialResult::name).containsExactly("t1", "t2", "t3", "t4");
        assertThat(sweep.trials()).as(phases::toString).extracting(TrialResult::status).containsOnly("succeeded");
        assertThat(sweep.trials()).extracting(TrialResult::objective).containsExactly(0.2, 0.3, 0.6, 0.9);
        assertThat(sweep.best()).isEqualTo("t4");
        try (RunStore store = store(repo)) {
            RunRecord best = store.get(sweep.bestRun());
            assertThat(best.params().get("train.lr").doubleValue()).isEqualTo(0.3);
            assertThat(best.params().get("train.depth").intValue()).isEqualTo(3);
            assertThat(best.source().branch()).as("trials record the user's branch").isEqualTo("main");
            assertThat(best.source().repo()).as("and the user's repository").isEqualTo("repo");
            assertThat(new SweepStore(store).get("latest")).isEqualTo(sweep);
            assertThat(new SweepStore(store).ofRun(sweep.bestRun())).contains(sweep);
        }
        assertThat(Files.readString(repo.resolve("params.yaml"))).as("the user's workspace is untouched")
                .contains("lr: 0.5");
        assertThat(output).anyMatch(line -> line.startsWith("[t3] step=1"));
        assertThat(SweepTable.trialColumns(sweep).get(5)).isEqualTo("cost");
        assertThat(SweepTable.trialRows(sweep)).as("no price is known here").extracting(row -> row.get(5))
                .containsOnly(SweepTable.UNKNOWN_COST);
    }

    @Test
    public void shouldShowWhatEachTrialCostFromItsRunsRecord() throws Exception {
        Path repo = repository(MLCI_YAML + "cost:\n  pricePerHour: 3600\n  currency: EUR\n",
                "train:\n  lr: 0.5\n  depth: 1\n  steps: 1\n  pause: 0\n");

        SweepRecord sweep = runner(repo).run(new SweepRunner.Request(false, null, 2, null, false));

        try (RunStore store = store(repo)) {
            for (int i = 0; i < sweep.trials().size(); i++) {
                TrialResult trial = sweep.trials().get(i);
                Resources.Cost recorded = store.get(trial.runId()).resources().cost();
                assertThat(trial.cost()).isEqualTo(recorded);
                assertThat(recorded.currency()).isEqualTo("EUR");
                assertThat(recorded.estimate()).as("a second of training at 1 EUR a second").isPositive();
                assertThat(SweepTable.trialRows(sweep).get(i).get(5))
                        .isEqualTo(Money.format(recorded.estimate(), "EUR"));
            }
            StudyPlan plan = runner(repo).plan(false);
            SweepRecord collected = SweepResults.collect("20261205-120000-000-abcd", plan, store,
                    Map.of("t1", sweep.trials().get(0).runId()));
            assertThat(collected.trials().get(0).cost()).as("from the run, wherever it trained")
                    .isEqualTo(sweep.trials().get(0).cost());
            assertThat(SweepTable.trialRows(collected).get(1).get(5)).as("a trial that never ran")
                    .isEqualTo(SweepTable.UNKNOWN_COST);
        }
    }

    @Test
    public void shouldReuseEveryTrialOnASecondRunAndTrainWhatChanged() throws Exception {
        Path repo = repository(MLCI_YAML, "train:\n  lr: 0.5\n  depth: 1\n  steps: 1\n  pause: 0\n");
        SweepRecord first = runner(repo).run(new SweepRunner.Request(false, null, 2, null, false));

        SweepRecord again = runner(repo).run(new SweepRunner.Request(false, null, 2, null, false));

        assertThat(again.trials()).extracting(TrialResult::status).containsOnly("reused");
        assertThat(again.trials()).extracting(TrialResult::reusedFrom)
                .containsExactlyElementsOf(first.trials().stream().map(TrialResult::runId).toList());
        assertThat(again.best()).isEqualTo("t4");

        TestRepos.write(repo, "train.sh", TRAIN + "# uncommitted edit\n");
        SweepRecord edited = runner(repo).run(new SweepRunner.Request(false, null, 2, null, false));
        assertThat(edited.trials()).as("an uncommitted edit of the code is what the trials train")
                .extracting(TrialResult::status).containsOnly("succeeded");
    }

    @Test
    public void shouldStopHopelessTrialsEarly() throws Exception {
        Path repo = repository("""
                train:
                  command: sh train.sh
                  code: [train.sh]
                  outputs: [model]
                metrics:
                  files: [metrics.json]
                sweep:
                  params:
                    train.lr: [0.3, 0.29, 0.01]
                    train.pause: [0.05]
                  objective: {metric: auc, goal: max}
                  earlyStop: {metric: val_auc, minTrials: 2, minSteps: 2}
                  maxParallel: 1
                """, "train:\n  lr: 0.5\n  depth: 3\n  steps: 40\n  pause: 0\n");

        long started = System.nanoTime();
        SweepRecord sweep = runner(repo).run(new SweepRunner.Request(false, null, 1, null, false));
        double seconds = (System.nanoTime() - started) / 1e9;

        assertThat(sweep.trials()).extracting(TrialResult::status).containsExactly("succeeded", "succeeded", "killed");
        TrialResult hopeless = sweep.trials().get(2);
        assertThat(hopeless.stoppedEarly()).isTrue();
        assertThat(hopeless.message()).startsWith("stopped early at step 2").contains("val_auc");
        assertThat(sweep.best()).isEqualTo("t1");
        assertThat(seconds).as("the third trial did not run its 40 steps").isLessThan(3 * 40 * 0.05 + 10);
        try (RunStore store = store(repo)) {
            assertThat(store.get(hopeless.runId()).message()).startsWith("stopped early");
        }

        SweepRecord again = runner(repo).run(new SweepRunner.Request(false, null, 1, null, false));
        assertThat(again.trials()).as("the reused trials' histories, read from their runs' logs, still set the median")
                .extracting(TrialResult::status).containsExactly("reused", "reused", "killed");
        assertThat(again.trials().get(2).stoppedEarly()).isTrue();
    }

    @Test
    public void shouldReportTheObjectiveDropOfEachLeftOutFeature() throws Exception {
        Path repo = repository("""
                train:
                  command: sh ablate.sh
                  code: [ablate.sh]
                  outputs: [model]
                metrics:
                  files: [metrics.json]
                ablation:
                  features: [age, income]
                  objective: {metric: auc, goal: max}
                """, "features: [age, income, zip]\n");
        TestRepos.write(repo, "ablate.sh", """
                #!/bin/sh
                set -e
                auc=0.5
                case "$MLCI_PARAM_FEATURES" in *'"age"'*) auc=$(awk "BEGIN { print $auc + 0.05 }") ;; esac
                case "$MLCI_PARAM_FEATURES" in *'"income"'*) auc=$(awk "BEGIN { print $auc + 0.25 }") ;; esac
                mkdir -p model && echo "$MLCI_PARAM_FEATURES" > model/features.txt
                printf '{"auc": %s}\\n' "$auc" > metrics.json
                """);
        commit(repo);

        SweepRecord ablation = runner(repo).run(new SweepRunner.Request(true, null, 2, null, false));

        assertThat(ablation.kind()).isEqualTo("ablation");
        assertThat(ablation.trials()).extracting(TrialResult::name).containsExactly("baseline", "-age", "-income");
        assertThat(ablation.drops()).extracting(SweepRecord.Drop::removed).containsExactly("income", "age");
        assertThat(ablation.drops().get(0).drop()).isCloseTo(0.25, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(ablation.drops().get(1).drop()).isCloseTo(0.05, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    public void shouldRecordTrialsThatTrainedElsewhereFromTheirRuns() throws Exception {
        Path repo = repository(MLCI_YAML, "train:\n  lr: 0.5\n  depth: 1\n  steps: 1\n  pause: 0\n");
        SweepRecord local = runner(repo).run(new SweepRunner.Request(false, null, 2, null, false));
        StudyPlan plan = runner(repo).plan(false);

        try (RunStore store = store(repo)) {
            SweepRecord collected = SweepResults.collect("20261205-120000-000-abcd", plan, store, Map.of(
                    "t1", local.trials().get(0).runId(), "t3", local.trials().get(2).runId()));

            assertThat(collected.trials()).extracting(TrialResult::status)
                    .containsExactly("succeeded", "not-run", "succeeded", "not-run");
            assertThat(collected.best()).isEqualTo("t3");
            assertThatThrownBy(() -> SweepResults.collect("x", plan, store, Map.of("t9", local.bestRun())))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("'t9' is not a trial of this sweep");
        }
    }

    @Test
    public void shouldRefuseARepositoryWithoutASweep() throws Exception {
        Path repo = repository("train: {command: sh train.sh}\n", "train:\n  lr: 0.5\n");

        assertThatThrownBy(() -> runner(repo).plan(false)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("declares no sweep");
        assertThatThrownBy(() -> runner(repo).plan(true)).hasMessageContaining("declares no ablation");
    }

    private SweepRunner runner(Path repo) {
        TrainOptions options = TrainingRepos.options(Map.of("MLCI_BRANCH", "main"), phases, output);
        return new SweepRunner(repo, options);
    }

    private static RunStore store(Path repo) {
        return RunStores.open(null, repo, Map.of());
    }

    private Path repository(String mlciYaml, String params) throws Exception {
        Path repo = temp.getRoot().toPath().resolve("repo");
        try (Git git = GitRepos.init(repo)) {
            TestRepos.write(repo, "data/a.txt", "alpha\n");
            try (DataWorkspace data = DataWorkspace.open(repo, DataOptions.defaults())) {
                data.add(repo.resolve("data"));
            }
            DvcConfig.addRemote(repo.resolve(".dvc"), "local", temp.getRoot().toPath().resolve("remote").toString(), true);
            TestRepos.write(repo, "train.sh", TRAIN);
            TestRepos.write(repo, "params.yaml", params);
            TestRepos.write(repo, "mlci.yaml", mlciYaml);
            TestRepos.write(repo, ".gitignore", "/model\n/metrics.json\n/.mlci\n");
            GitRepos.commitAll(git, "training repository");
        }
        return repo;
    }

    private static void commit(Path repo) throws Exception {
        try (Git git = Git.open(repo.toFile())) {
            GitRepos.commitAll(git, "more");
        }
    }
}
