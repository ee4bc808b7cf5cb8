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

public class ModelCliTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private Path repo;

    private CliRun mlci(String... args) {
        return mlci(Map.of(), args);
    }

    private CliRun mlci(Map<String, String> extra, String... args) {
        Map<String, String> env = new java.util.HashMap<>(Map.of("PATH", System.getenv("PATH"), "USER", "carol",
                "BUILD_URL", "https://ci.example/job/promote/9/"));
        env.putAll(extra);
        String[] all = new String[args.length + 2];
        all[0] = "-C";
        all[1] = repo.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return CliRun.withEnvironment(env, all);
    }

    private String trainAndGate(double lr) throws Exception {
        Files.writeString(repo.resolve("params.yaml"), TrainingRepos.params(lr, "ok"));
        JsonNode trained = new ObjectMapper().readTree(mlci("train", "--executor", "local", "--json").out());
        String id = trained.at("/run/id").asText();
        assertThat(mlci("gate", "--run", id, "--base", "none").exitCode()).isZero();
        return id;
    }

    @Before
    public void repository() throws Exception {
        repo = TrainingRepos.create(temp.getRoot().toPath(),
                TrainingRepos.MLCI_YAML + "model:\n  name: churn\n  deploy: echo \"deploy $MLCI_MODEL_URI\" > deployed.txt\n", "ok");
    }

    @Test
    public void shouldRegisterPromoteRollBackAndFetch() throws Exception {
        String first = trainAndGate(0.5);
        String second = trainAndGate(0.6);
        assertThat(mlci("model", "register", "--run", first).out()).contains("registered churn version 1");
        assertThat(mlci("model", "register", "--run", second).out()).contains("registered churn version 2");

        assertThat(mlci("model", "promote", "churn", "1", "--to", "production").exitCode()).isZero();
        CliRun promoted = mlci("model", "promote", "models:/churn/2", "--to", "production", "--reason", "better");
        assertThat(promoted.out()).contains("production -> version 2 (was 1)");
        assertThat(repo.resolve("deployed.txt")).hasContent("deploy models:/churn/2");

        assertThat(mlci("model", "rollback", "churn", "--stage", "production").out()).contains("production -> version 1 (was 2)");
        CliRun history = mlci("model", "history", "churn");
        assertThat(history.out()).contains("promote").contains("rollback").contains("by carol").contains("better")
                .contains("https://ci.example/job/promote/9/");
        assertThat(mlci("model", "list").out()).contains("churn").contains("production -> v1");

        Path fetched = temp.getRoot().toPath().resolve("fetched");
        assertThat(mlci("model", "fetch", "churn@production", "--to", fetched.toString()).exitCode()).isZero();
        assertThat(fetched.resolve("model/config.txt")).hasContent("lr 0.5");
        assertThat(mlci("model", "lineage", "models:/churn@production").out()).contains("run      " + first)
                .contains("data     data");
    }

    @Test
    public void shouldRefuseUnknownModelsVersionsAndUngatedRuns() throws Exception {
        Files.writeString(repo.resolve("params.yaml"), TrainingRepos.params(0.5, "ok"));
        String ungated = new ObjectMapper().readTree(mlci("train", "--executor", "local", "--json").out()).at("/run/id").asText();

        CliRun refused = mlci("model", "register", "--run", ungated);
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(refused.err()).contains("never gated");
        assertThat(mlci("model", "show", "fraud", "1").err()).contains("no model named fraud");
        assertThat(mlci("model", "register", "--run", ungated, "--force", "--reason", "demo").exitCode()).isZero();
        assertThat(mlci("model", "promote", "churn", "3", "--to", "production").err()).contains("versions 1..1");
    }

    @Test
    public void shouldShowTheNewestVersionByNameAndNotRegisterARunTwice() throws Exception {
        String first = trainAndGate(0.5);
        String second = trainAndGate(0.6);
        assertThat(mlci("model", "register", "--run", first).out()).contains("registered churn version 1");
        assertThat(mlci("model", "register", "--run", second).out()).contains("registered churn version 2");

        CliRun again = mlci("model", "register", "--run", first);

        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains("already registered: run " + first + " is churn version 1");
        assertThat(new ObjectMapper().readTree(mlci("model", "register", "--run", second, "--json").out())
                .get("version").asInt()).isEqualTo(2);
        assertThat(mlci("model", "history", "churn").out().lines().filter(line -> line.contains("register"))).hasSize(2);

        CliRun show = mlci("model", "show", "churn");
        assertThat(show.exitCode()).as(show.err()).isZero();
        assertThat(show.out()).contains("from run " + second).contains("churn has 2 version(s)");
        assertThat(mlci("model", "show", "fraud").err()).contains("no model named fraud");
    }

    @Test
    public void shouldNameAliasesInWordsAndPointAtTheVersionSyntax() throws Exception {
        mlci("model", "register", "--run", trainAndGate(0.5));

        CliRun list = mlci("model", "list");
        CliRun byNumber = mlci("model", "show", "churn@1");
        mlci("model", "promote", "churn", "1", "--to", "production", "--no-deploy");
        CliRun staging = mlci("model", "show", "churn@staging");

        assertThat(list.out()).contains("churn has no aliases").doesNotContain("{}");
        assertThat(byNumber.err()).contains("churn has no aliases").contains("a version is written churn/1")
                .doesNotContain("{}");
        assertThat(staging.err()).contains("aliases of churn: production -> v1");
        assertThat(mlci("model", "list").out()).contains("aliases of churn: production -> v1");
    }

    @Test
    public void shouldRefuseRegistryWritesInAPullRequestBuildAndLeaveTheRegistryAsItWas() throws Exception {
        String run = trainAndGate(0.5);
        Map<String, String> signing = Map.of("MLCI_REGISTRY_KEY", "0123456789abcdef0123");
        assertThat(mlci(signing, "model", "register", "--run", run).exitCode()).isZero();
        String before = mlci(signing, "model", "history", "churn").out();
        Map<String, String> pullRequest = Map.of("CHANGE_ID", "12", "BUILD_URL", "javascript:alert(1)");

        CliRun register = mlci(pullRequest, "model", "register", "--run", run, "--force", "--reason", "mine");
        CliRun promote = mlci(pullRequest, "model", "promote", "churn", "1", "--to", "production");

        assertThat(register.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(register.err()).contains("CHANGE_ID=12: a pull-request build cannot register model versions")
                .contains("BUILD_URL 'javascript:alert(1)' is not an http(s) URL; it is not stored");
        assertThat(promote.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(promote.err()).contains("a pull-request build cannot promote");
        assertThat(mlci(signing, "model", "history", "churn").out()).isEqualTo(before).contains("[signed]");
        assertThat(mlci("model", "history", "churn").out()).contains("[signed, not checked (no MLCI_REGISTRY_KEY here)]");
    }

    @Test
    public void shouldKeepTheRegistryAtItsOwnLocation() throws Exception {
        Path registry = temp.newFolder("registry-only-trusted-jobs-write").toPath();
        Files.writeString(repo.resolve("mlci.yaml"), Files.readString(repo.resolve("mlci.yaml"))
                + "registry:\n  url: " + registry + "\n");
        String run = trainAndGate(0.5);

        assertThat(mlci("model", "register", "--run", run).exitCode()).isZero();

        assertThat(registry.resolve("churn/versions/0000000001.json")).exists();
        assertThat(registry.resolve("churn/log/0000000001.json")).exists();
        assertThat(repo.resolve(".mlci/registry")).doesNotExist();
        assertThat(mlci("model", "list").out()).contains("churn");
    }
}
