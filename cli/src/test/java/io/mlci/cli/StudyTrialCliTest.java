package io.mlci.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlci.core.testing.GitRepos;
import io.mlci.core.testing.TestJvm;
import io.mlci.core.testing.TestRepos;
import org.eclipse.jgit.api.Git;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Trials of one sweep trained by separate {@code mlci train --study --trial} processes in separate
 * clones, sharing only the run store, as the lanes of a Jenkins sweep do on their own agents.
 */
public class StudyTrialCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** val_auc climbs to lr over the steps, one line a step; auc = lr at the end. */
    private static final String TRAIN = """
            #!/bin/sh
            set -e
            i=1
            while [ "$i" -le "$MLCI_PARAM_TRAIN_STEPS" ]; do
              echo "step=$i val_auc=$(awk "BEGIN { print $MLCI_PARAM_TRAIN_LR * $i / $MLCI_PARAM_TRAIN_STEPS }")"
              sleep 0.05
              i=$((i + 1))
            done
            mkdir -p model && echo "$MLCI_PARAM_TRAIN_LR" > model/weights.txt
            printf '{"auc": %s}\\n' "$MLCI_PARAM_TRAIN_LR" > metrics.json
            """;

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private Path origin;
    private Path store;
    private final List<Process> started = new ArrayList<>();

    @Before
    public void createRepository() throws Exception {
        origin = temp.newFolder("origin").toPath().toRealPath();
        store = temp.getRoot().toPath().toRealPath().resolve("shared-store");
        try (Git git = GitRepos.init(origin)) {
            TestRepos.write(origin, "train.sh", TRAIN);
            TestRepos.write(origin, "params.yaml", "train:\n  lr: 0.5\n  steps: 30\n");
            TestRepos.write(origin, "mlci.yaml", """
                    train:
                      command: sh train.sh
                      code: [train.sh]
                      outputs: [model]
                    metrics:
                      files: [metrics.json]
                    sweep:
                      params:
                        train.lr: [0.3, 0.01]
                      objective: {metric: auc, goal: max}
                      earlyStop: {metric: val_auc, minTrials: 1, minSteps: 2}
                    """);
            TestRepos.write(origin, ".gitignore", "/model\n/metrics.json\n/.mlci\n");
            GitRepos.commitAll(git, "a sweep with early stopping");
        }
    }

    @After
    public void stopLeftovers() {
        started.forEach(Process::destroyForcibly);
    }

    @Test
    public void shouldStopAHopelessTrialByTheMedianOfATrialThatFinishedInAnotherProcess() throws Exception {
        JsonNode first = train(agentWorkspace("agent-a"), "jenkins-churn-PR-7-12", "t1");
        assertThat(first.at("/run/status").asText()).isEqualTo("succeeded");
        assertThat(first.get("stoppedEarly").asBoolean()).isFalse();
        assertThat(first.at("/run/params/train.lr").asText()).isEqualTo("0.3");
        assertThat(histories()).as("the finished trial shared its history").hasSize(1);

        JsonNode second = train(agentWorkspace("agent-b"), "jenkins-churn-PR-7-12", "t2");

        assertThat(second.get("stoppedEarly").asBoolean()).isTrue();
        assertThat(second.at("/run/status").asText()).isEqualTo("killed");
        assertThat(second.at("/run/message").asText()).startsWith("stopped early at step 2").contains("val_auc");
        assertThat(histories()).as("a stopped trial shares nothing").hasSize(1);

        CliRun record = CliRun.in(origin, Map.of("PATH", System.getenv("PATH")), "--json", "sweep", "record",
                "--store", store.toString(), "--trial", "t1=" + first.at("/run/id").asText(),
                "--trial", "t2=" + second.at("/run/id").asText());
        assertThat(record.exitCode()).as(record.err()).isZero();
        JsonNode sweep = JSON.readTree(record.out());
        assertThat(sweep.get("best").asText()).isEqualTo("t1");
        assertThat(sweep.at("/trials/1/stoppedEarly").asBoolean()).isTrue();
        CliRun show = CliRun.in(origin, Map.of("PATH", System.getenv("PATH")), "sweep", "show", "latest",
                "--store", store.toString());
        assertThat(show.out()).containsPattern("t2\\s+train.lr=0.01\\s+.*stopped early");
    }

    @Test
    public void shouldRefuseATrialTheSweepDoesNotHaveWithoutTouchingTheParams() throws Exception {
        Path workspace = agentWorkspace("agent-a");
        String params = Files.readString(workspace.resolve("params.yaml"));

        CliRun unknown = CliRun.in(workspace, Map.of("PATH", System.getenv("PATH")), "train", "--executor", "local",
                "--store", store.toString(), "--study", "b-1", "--trial", "t9");
        CliRun alone = CliRun.in(workspace, Map.of("PATH", System.getenv("PATH")), "train", "--trial", "t1");
        CliRun withSet = CliRun.in(workspace, Map.of("PATH", System.getenv("PATH")), "train", "--study", "b-1",
                "--trial", "t1", "-S", "train.lr=0.2");

        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("'t9' is not a trial of this sweep");
        assertThat(alone.exitCode()).isEqualTo(1);
        assertThat(alone.err()).contains("--trial").contains("--study");
        assertThat(withSet.exitCode()).isEqualTo(1);
        assertThat(withSet.err()).contains("--set").contains("--trial");
        assertThat(Files.readString(workspace.resolve("params.yaml"))).isEqualTo(params);
    }

    /** A clone of the repository, as each agent checks it out into its own workspace. */
    private Path agentWorkspace(String name) throws Exception {
        Path workspace = temp.getRoot().toPath().toRealPath().resolve(name);
        Git.cloneRepository().setURI(origin.toUri().toString()).setDirectory(workspace.toFile()).call().close();
        return workspace;
    }

    /** {@code mlci --json train --study STUDY --trial TRIAL} as its own JVM; its JSON result. */
    private JsonNode train(Path workspace, String study, String trial) throws Exception {
        Path log = temp.getRoot().toPath().resolve(trial + "-" + started.size() + ".log");
        ProcessBuilder builder = TestJvm.builder(Main.class, "-C", workspace.toString(), "--json", "train",
                "--executor", "local", "--store", store.toString(), "--study", study, "--trial", trial)
                .redirectErrorStream(false).redirectError(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("CHANGE_") || name.startsWith("MLCI_"));
        builder.environment().put("MLCI_BRANCH", "main");
        Process process = builder.start();
        started.add(process);
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(Files.readString(log)).isZero();
        return JSON.readTree(out);
    }

    private List<Path> histories() throws Exception {
        Path progress = store.resolve("sweeps/progress");
        if (!Files.isDirectory(progress)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(progress)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }
}
