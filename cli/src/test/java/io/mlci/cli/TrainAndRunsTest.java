package io.mlci.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlci.core.testing.TrainingRepos;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

public class TrainAndRunsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> MAIN_BRANCH = Map.of("MLCI_BRANCH", "main", "PATH", System.getenv("PATH"));

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private Path repo;

    @Before
    public void createRepository() throws Exception {
        repo = TrainingRepos.create(temp.getRoot().toPath());
    }

    private CliRun mlci(String... args) {
        return CliRun.in(repo, MAIN_BRANCH, args);
    }

    private JsonNode json(CliRun run) throws Exception {
        assertThat(run.exitCode()).as(run.err()).isZero();
        return JSON.readTree(run.out());
    }

    @Test
    public void shouldTrainThenSkipTheIdenticalRun() throws Exception {
        JsonNode first = json(mlci("train", "--executor", "local", "--json"));
        JsonNode second = json(mlci("train", "--executor", "local", "--json"));

        assertThat(first.get("skipped").asBoolean()).isFalse();
        assertThat(first.at("/run/status").asText()).isEqualTo("succeeded");
        assertThat(second.get("skipped").asBoolean()).isTrue();
        assertThat(second.get("reusedFrom").asText()).isEqualTo(first.at("/run/id").asText());
        assertThat(second.at("/run/status").asText()).isEqualTo("reused");

        JsonNode plan = json(mlci("train", "--dry-run", "--json"));
        assertThat(plan.get("runKey").asText()).isEqualTo(first.at("/run/runKey").asText());
        assertThat(plan.get("wouldReuse").asText()).isEqualTo(first.at("/run/id").asText());

        CliRun human = mlci("train", "--executor", "local");
        assertThat(human.exitCode()).isZero();
        assertThat(human.err()).contains("skipped: identical to run " + first.at("/run/id").asText());
        assertThat(human.out()).contains("reused").contains("sha256");
    }

    @Test
    public void shouldRecordACleanSourceAndReuseAfterTheFirstTrainingMadeTheCache() throws Exception {
        // a repository that never ran dvc init: the first training creates .dvc/ for its outputs' cache
        Path plain = temp.newFolder("plain").toPath();
        try (org.eclipse.jgit.api.Git git = io.mlci.core.testing.GitRepos.init(plain)) {
            io.mlci.core.testing.TestRepos.write(plain, "train.sh", "mkdir -p model; echo \"lr $MLCI_PARAM_TRAIN_LR\" > model/m.txt\n");
            io.mlci.core.testing.TestRepos.write(plain, "params.yaml", "train:\n  lr: 0.5\n");
            io.mlci.core.testing.TestRepos.write(plain, "mlci.yaml",
                    "train:\n  command: sh train.sh\n  params: [params.yaml]\n  code: [.]\n  outputs: [model]\n");
            io.mlci.core.testing.TestRepos.write(plain, ".gitignore", "/model\n/.mlci\n");
            io.mlci.core.testing.GitRepos.commitAll(git, "training");
        }
        JsonNode first = json(CliRun.in(plain, MAIN_BRANCH, "train", "--executor", "local", "--json"));
        assertThat(plain.resolve(".dvc/cache")).isDirectory();

        JsonNode again = json(CliRun.in(plain, MAIN_BRANCH, "train", "--executor", "local", "--json"));
        Files.writeString(plain.resolve("train.sh"), "# faster\n" + Files.readString(plain.resolve("train.sh")));
        JsonNode other = json(CliRun.in(plain, MAIN_BRANCH, "train", "--executor", "local", "--json"));

        // mlci's own cache is neither code nor an uncommitted change; an edit to the training script is
        assertThat(first.at("/run/source/dirty").asBoolean()).isFalse();
        assertThat(again.get("skipped").asBoolean()).isTrue();
        assertThat(again.at("/run/runKey").asText()).isEqualTo(first.at("/run/runKey").asText());
        assertThat(again.at("/run/source/dirty").asBoolean()).isFalse();
        assertThat(other.at("/run/status").asText()).isEqualTo("succeeded");
        assertThat(other.at("/run/source/dirty").asBoolean()).isTrue();
    }

    @Test
    public void shouldListShowDiffAndLogRuns() throws Exception {
        String a = json(mlci("train", "--executor", "local", "--json")).at("/run/id").asText();
        Files.writeString(repo.resolve("params.yaml"), TrainingRepos.params(0.75, "ok"));
        String b = json(mlci("train", "--executor", "local", "--json")).at("/run/id").asText();

        CliRun list = mlci("runs", "list", "--branch", "main");
        assertThat(list.out().lines().skip(1).map(line -> line.split(" ")[0])).containsExactly(b, a);
        assertThat(json(mlci("runs", "list", "--json", "-n", "1")).get(0).get("id").asText()).isEqualTo(b);

        CliRun show = mlci("runs", "show", a);
        assertThat(show.out()).contains("run " + a + ": succeeded", "command  sh train.sh", "data     data", "train.lr=0.5",
                "accuracy=0.5", "model/model.bin");

        CliRun diff = mlci("runs", "diff", a, b);
        assertThat(diff.out()).contains("params   train.lr").contains("metrics  accuracy").doesNotContain("command");
        assertThat(mlci("runs", "diff", a, b, "--all").out()).contains("command");

        assertThat(mlci("runs", "log", b).out()).contains("training lr=0.75");
        assertThat(mlci("runs", "show", "20990101").exitCode()).isEqualTo(ExitCodes.ERROR);
    }

    @Test
    public void shouldFetchARunsOutputsVerified() throws Exception {
        String id = json(mlci("train", "--executor", "local", "--json")).at("/run/id").asText();
        Path out = temp.getRoot().toPath().resolve("export");

        CliRun export = mlci("runs", "output", id, "model", "-o", out.toString());

        assertThat(export.exitCode()).as(export.err()).isZero();
        assertThat(out.resolve("model/model.bin")).hasContent("alpha\nbeta");
        assertThat(mlci("runs", "output", id, "nope").err()).contains("is not an output of run");

        io.mlci.core.storage.FileTrees.delete(repo.resolve("model"));
        assertThat(mlci("runs", "output", id).exitCode()).isZero();
        assertThat(repo.resolve("model/model.bin")).hasContent("alpha\nbeta");
    }

    @Test
    public void shouldRerunWithOverriddenParams() throws Exception {
        String id = json(mlci("train", "--executor", "local", "--json")).at("/run/id").asText();
        Path checkout = temp.getRoot().toPath().resolve("rerun");

        JsonNode rerun = json(mlci("runs", "rerun", id, "--set", "train.lr=0.125", "--dir", checkout.toString(),
                "--executor", "local", "--json"));

        assertThat(rerun.get("skipped").asBoolean()).isFalse();
        assertThat(rerun.at("/run/params/train.lr").asDouble()).isEqualTo(0.125);
        assertThat(rerun.at("/run/metrics/accuracy").asDouble()).isEqualTo(0.125);
        assertThat(rerun.at("/run/source/commit").asText()).isEqualTo(json(mlci("runs", "show", id, "--json")).at("/source/commit").asText());
        assertThat(mlci("runs", "list").out()).contains(rerun.at("/run/id").asText());
    }

    @Test
    public void shouldRerunFromARemoteNamedByARelativePath() throws Exception {
        assertThat(mlci("remote", "add", "shared", "../../shared-remote", "--default").exitCode()).isZero();
        assertThat(mlci("data", "push").exitCode()).isZero();
        try (org.eclipse.jgit.api.Git git = org.eclipse.jgit.api.Git.open(repo.toFile())) {
            io.mlci.core.testing.GitRepos.commitAll(git, "share the data through ../../shared-remote");
        }
        String id = json(mlci("train", "--executor", "local", "--json")).at("/run/id").asText();
        io.mlci.core.storage.FileTrees.delete(repo.resolve(".dvc/cache"));

        JsonNode rerun = json(mlci("runs", "rerun", id, "--dir", temp.getRoot().toPath().resolve("elsewhere/rerun").toString(),
                "--executor", "local", "--json"));

        assertThat(rerun.at("/run/status").asText()).isEqualTo("succeeded");
        assertThat(rerun.at("/run/data/0/hash").asText()).isEqualTo(json(mlci("runs", "show", id, "--json")).at("/data/0/hash").asText());
    }

    @Test
    public void shouldExitNonZeroWithTheLineOfABadMlciYaml() throws Exception {
        Files.writeString(repo.resolve("mlci.yaml"), "train:\n  command: sh train.sh\n  ouputs: [model]\n");

        CliRun run = mlci("train");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.err()).contains("mlci.yaml:3").contains("train.ouputs").contains("did you mean 'outputs'?");
        assertThat(repo.resolve(".mlci/runs")).doesNotExist();
    }

    @Test
    public void shouldRefuseToTrainWhenTheStoreCannotBeReached() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Map<String, String> env = Map.of("MLCI_BRANCH", "main", "PATH", System.getenv("PATH"),
                "MLCI_S3_ENDPOINT", "http://127.0.0.1:" + closedPort);
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
        System.setProperty("aws.region", "us-east-1");
        try {
            CliRun run = CliRun.withEnvironment(env, "-C", repo.toString(), "train", "--executor", "local",
                    "--force", "--store", "s3://mlci-runs/team");

            assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
            assertThat(run.err()).contains("s3://mlci-runs/team");
            assertThat(repo.resolve(".trainings")).as("nothing trained").doesNotExist();
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
            System.clearProperty("aws.region");
        }
    }

    @Test
    public void shouldRefuseBadOptionValuesNamingThem() throws Exception {
        CliRun executor = mlci("train", "--executor", "kubernetes");
        assertThat(executor.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(executor.err()).contains("--executor").contains("'kubernetes' is not one of auto, local, docker");
        assertThat(repo.resolve(".trainings")).doesNotExist();

        CliRun status = mlci("runs", "list", "--status", "done");
        assertThat(status.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(status.err()).contains("--status").contains("succeeded, reused, failed, timed-out, killed");

        CliRun base = mlci("gate", "--base", "yesterday");
        assertThat(base.exitCode()).isEqualTo(ExitCodes.ERROR);

        String id = json(mlci("train", "--executor", "local", "--json")).at("/run/id").asText();
        assertThat(mlci("gate", "--run", id, "--base", "yesterday").err())
                .contains("--base").contains("not target-branch, merge-base, run:<id> or none");
        assertThat(mlci("runs", "rerun", id, "--set", "train.lr").err()).contains("--set").contains("NAME=VALUE");
        assertThat(mlci("runs", "rerun", id, "--set", "train.lrr=1", "--dir", temp.getRoot().toPath().resolve("r").toString())
                .err()).contains("'train.lrr'").contains("known params: train.lr, train.mode, train.steps");
    }

    @Test
    public void shouldExitOneWhenTheTrainingFails() throws Exception {
        Files.writeString(repo.resolve("params.yaml"), TrainingRepos.params(0.5, "fail"));

        CliRun run = mlci("train", "--executor", "local");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.out()).contains("failed");
        assertThat(run.out()).contains("diverged");
        assertThat(run.err()).contains("the command exited with status 1");
    }
}
