package io.mlci.core.testing;

import io.mlci.core.data.pointer.DvcConfig;
import io.mlci.core.data.workspace.DataOptions;
import io.mlci.core.data.workspace.DataWorkspace;
import io.mlci.core.run.TrainOptions;
import io.mlci.core.run.exec.OutputSink;
import org.eclipse.jgit.api.Git;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A small ML repository for training tests: tracked data pushed to a local remote, a shell
 * "training" whose behaviour a param selects, params.yaml and mlci.yaml, all committed.
 *
 * <p>The training counts its runs in {@code .trainings} (git-ignored), concatenates the data into
 * {@code model/model.bin} and writes {@code metrics.json} with accuracy = the learning rate.
 * {@code train.mode}: ok, fail, no-output, slow (sleeps, writing a checkpoint per step), flaky
 * (fails on its first attempt).
 */
public final class TrainingRepos {

    public static final String TRAIN_SCRIPT = """
            #!/bin/sh
            set -e
            echo x >> .trainings
            echo "training lr=$MLCI_PARAM_TRAIN_LR mode=$MLCI_PARAM_TRAIN_MODE run=$MLCI_RUN_ID"
            test -f "$MLCI_PARAMS_FILE"
            case "$MLCI_PARAM_TRAIN_MODE" in
              fail) echo "diverged" >&2; exit 1 ;;
              flaky) if [ "$(wc -l < .trainings)" -lt 2 ]; then echo "spot instance lost"; exit 1; fi ;;
              slow)
                mkdir -p ckpt
                step=0
                if [ -f ckpt/step ]; then step=$(cat ckpt/step); echo "resuming from step $step"; fi
                while [ "$step" -lt "$MLCI_PARAM_TRAIN_STEPS" ]; do
                  step=$((step + 1)); echo "$step" > ckpt/step.tmp; mv ckpt/step.tmp ckpt/step
                  echo "step $step"; sleep 0.3
                done ;;
            esac
            if [ "$MLCI_PARAM_TRAIN_MODE" != "no-output" ]; then
              mkdir -p model
              cat data/a.txt data/b.txt > model/model.bin
              echo "lr $MLCI_PARAM_TRAIN_LR" > model/config.txt
            fi
            printf '{"accuracy": %s, "loss": 0.25, "nested": {"f1": 0.5}}\\n' "$MLCI_PARAM_TRAIN_LR" > metrics.json
            """;

    public static final String MLCI_YAML = """
            train:
              command: sh train.sh
              params: [params.yaml]
              code: [train.sh]
              outputs: [model]
              checkpoints: { path: ckpt, interval: 200ms }
              timeout: 1m
            metrics:
              files: [metrics.json]
            """;

    private TrainingRepos() {
    }

    public static Path create(Path dir) throws Exception {
        return create(dir, MLCI_YAML, "ok");
    }

    public static Path create(Path dir, String mlciYaml, String mode) throws Exception {
        Path repo = dir.resolve("repo");
        try (Git git = GitRepos.init(repo)) {
            TestRepos.write(repo, "data/a.txt", "alpha\n");
            TestRepos.write(repo, "data/b.txt", "beta\n");
            try (DataWorkspace data = DataWorkspace.open(repo, DataOptions.defaults())) {
                data.add(repo.resolve("data"));
            }
            DvcConfig.addRemote(repo.resolve(".dvc"), "local", dir.resolve("remote").toString(), true);
            TestRepos.write(repo, "train.sh", TRAIN_SCRIPT);
            TestRepos.write(repo, "params.yaml", params(0.5, mode));
            TestRepos.write(repo, "mlci.yaml", mlciYaml);
            // /data as data add listed it: the data is in the cache, not in git
            TestRepos.write(repo, ".gitignore", "/data\n/model\n/metrics.json\n/ckpt\n/.trainings\n");
            GitRepos.commitAll(git, "training repository");
        }
        return repo;
    }

    public static String params(double lr, String mode) {
        return "train:\n  lr: " + lr + "\n  mode: " + mode + "\n  steps: 8\n";
    }

    public static TrainOptions options(Map<String, String> env, List<String> phases, List<String> output) {
        return TrainOptions.defaults(env, "test").withExecutor(TrainOptions.ExecutorChoice.LOCAL)
                .withOutput(phases::add, (OutputSink) output::add).withKillGrace(Duration.ofSeconds(2));
    }
}
