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

/** Records that state what happened when a training's aftermath goes wrong: an upload that fails, a damaged record. */
public class RunRecordsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> MAIN_BRANCH = Map.of("MLCI_BRANCH", "main", "PATH", System.getenv("PATH"));

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private Path repo;
    private Path remote;

    @Before
    public void createRepository() throws Exception {
        repo = TrainingRepos.create(temp.getRoot().toPath());
        remote = temp.getRoot().toPath().resolve("remote");
    }

    private CliRun mlci(String... args) {
        return CliRun.in(repo, MAIN_BRANCH, args);
    }

    @Test
    public void shouldRecordAFailedUploadAndFinishItWithRunsPush() throws Exception {
        // the data remote cannot be written (here: a file where its directory should be)
        Files.writeString(remote, "not a directory");

        CliRun train = mlci("train", "--executor", "local", "--json");

        assertThat(train.exitCode()).as(train.err()).isEqualTo(1);
        JsonNode failed = JSON.readTree(train.out()).get("run");
        String id = failed.get("id").asText();
        assertThat(failed.get("status").asText()).isEqualTo("failed");
        assertThat(failed.at("/failure/reason").asText()).isEqualTo("upload");
        assertThat(failed.at("/failure/cachedOutputs/0/path").asText()).isEqualTo("model");
        assertThat(failed.get("outputs")).isEmpty();
        assertThat(failed.get("message").asText()).contains("uploading its outputs").contains(remote.toString())
                .contains("mlci runs push " + id);
        assertThat(failed.at("/metrics/accuracy").asDouble()).isEqualTo(0.5);
        String modelMd5 = failed.at("/failure/cachedOutputs/0/md5").asText();
        assertThat(repo.resolve(".dvc/cache/files/md5/" + modelMd5.substring(0, 2) + "/" + modelMd5.substring(2))).exists();
        assertThat(mlci("runs", "show", id).out()).contains("failed (upload)").contains("cached   model");

        // the remote is back; the outputs go up from the local cache, without training again
        Files.delete(remote);
        CliRun push = mlci("runs", "push", id, "--json");

        assertThat(push.exitCode()).as(push.err()).isZero();
        JsonNode completed = JSON.readTree(push.out()).get("run");
        assertThat(completed.get("status").asText()).isEqualTo("succeeded");
        assertThat(completed.get("completes").asText()).isEqualTo(id);
        assertThat(completed.get("outputs")).isEqualTo(failed.at("/failure/cachedOutputs"));
        assertThat(completed.get("startedAt")).isEqualTo(failed.get("startedAt"));
        assertThat(remote.resolve("files/md5/" + modelMd5.substring(0, 2) + "/" + modelMd5.substring(2))).exists();
        assertThat(mlci("runs", "log", completed.get("id").asText()).out()).contains("training lr=0.5");
        assertThat(Files.readAllLines(repo.resolve(".trainings"))).hasSize(1);

        CliRun again = mlci("runs", "push", id);
        assertThat(again.exitCode()).isZero();
        assertThat(again.err()).contains("was already pushed as run " + completed.get("id").asText());
        CliRun reuse = mlci("train", "--executor", "local", "--json");
        assertThat(JSON.readTree(reuse.out()).get("reusedFrom").asText()).isEqualTo(completed.get("id").asText());
        assertThat(mlci("runs", "push", completed.get("id").asText()).err()).contains("finishes only runs");
    }

    @Test
    public void shouldListTheOtherRunsWhenOneRecordIsTruncated() throws Exception {
        String[] runs = twoRunsTheFirstTruncated();
        String first = runs[0];
        String second = runs[1];

        CliRun list = mlci("runs", "list");

        assertThat(list.exitCode()).isEqualTo(1);
        assertThat(list.out()).contains(second).doesNotContain(first);
        assertThat(list.err()).contains("runs/" + first + ".json").contains("unreadable");
        assertThat(mlci("runs", "list", "--branch", "main").out()).contains(second);
    }

    @Test
    public void shouldCountAndDrawTheOtherRunsWhenOneRecordIsTruncated() throws Exception {
        String[] runs = twoRunsTheFirstTruncated();
        String first = runs[0];
        String second = runs[1];

        CliRun cost = mlci("--json", "cost");
        Path page = temp.getRoot().toPath().resolve("dashboard.html");
        CliRun dashboard = mlci("dashboard", "-o", page.toString());
        CliRun show = mlci("runs", "show", first);

        assertThat(cost.exitCode()).isEqualTo(1);
        assertThat(JSON.readTree(cost.out()).at("/total/runs").asInt()).isEqualTo(1);
        assertThat(cost.err()).contains("runs/" + first + ".json");
        assertThat(dashboard.exitCode()).isEqualTo(1);
        assertThat(Files.readString(page)).contains(second).doesNotContain(first);
        assertThat(dashboard.err()).contains("runs/" + first + ".json");
        // said in words a user can act on, without the JSON parser's settings or mlci's class names
        assertThat(show.err()).contains("runs/" + first + ".json is unreadable: not valid JSON (truncated?)")
                .contains("at line").contains("repair it or move it out of the store")
                .doesNotContain("io.mlci").doesNotContain("REDACTED").doesNotContain("StreamReadFeature");
    }

    /** Trains twice (two run keys), then cuts the first run's record in half as a full disk would; returns both ids. */
    private String[] twoRunsTheFirstTruncated() throws Exception {
        String first = JSON.readTree(mlci("train", "--executor", "local", "--json").out()).at("/run/id").asText();
        Files.writeString(repo.resolve("params.yaml"), TrainingRepos.params(0.75, "ok"));
        String second = JSON.readTree(mlci("train", "--executor", "local", "--json").out()).at("/run/id").asText();
        Path record = repo.resolve(".mlci/runs/" + first + ".json");
        byte[] bytes = Files.readAllBytes(record);
        Files.write(record, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        return new String[] {first, second};
    }
}
