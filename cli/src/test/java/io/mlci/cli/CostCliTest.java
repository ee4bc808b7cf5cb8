package io.mlci.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Cost end to end: the demo with a price set, then {@code mlci cost}, the runs list and a cost rule. */
public class CostCliTest {

    @ClassRule
    public static TemporaryFolder temp = new TemporaryFolder();

    private static final ObjectMapper JSON = new ObjectMapper();
    /** 3600 an hour is 1 a second: the demo's short trainings cost amounts one can read. */
    private static final Map<String, String> ENV = environment();
    private static Path dir;

    private static Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv("PATH"));
        env.put("HOME", System.getProperty("user.home"));
        env.put("MLCI_PRICE_PER_HOUR", "3600");
        return Map.copyOf(env);
    }

    @BeforeClass
    public static void runTheDemo() throws Exception {
        dir = temp.newFolder("demo").toPath();
        CliRun demo = CliRun.withEnvironment(ENV, "demo", "--dir", dir.toString(), "-q");
        assertThat(demo.exitCode()).as(demo.err()).isZero();
    }

    private static CliRun mlci(String... args) {
        return CliRun.in(dir.resolve("repo"), ENV, args);
    }

    @Test
    public void shouldReportWhatTheDemosTrainingsCostAndWhatItsSkipSaved() throws Exception {
        CliRun run = mlci("--json", "cost");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode cost = JSON.readTree(run.out());
        JsonNode total = cost.get("total");
        assertThat(total.get("runs").asInt()).isEqualTo(3);
        assertThat(total.get("trained").asInt()).isEqualTo(2);
        assertThat(total.get("skipped").asInt()).isEqualTo(1);
        assertThat(total.get("unpriced").asInt()).isZero();
        assertThat(total.at("/spent/USD").asDouble()).isPositive();
        JsonNode main = cost.at("/groups/main");
        assertThat(main.get("runs").asInt()).isEqualTo(2);
        assertThat(main.at("/saved/USD").asDouble()).as("the skip saved what main's training spent, at 1 a second")
                .isCloseTo(firstMainRun().at("/resources/cost/estimate").asDouble(), within(1e-6)).isPositive();
        assertThat(cost.at("/groups/lower-learning-rate/saved").isEmpty()).isTrue();
    }

    @Test
    public void shouldSayUnknownNotZeroWhenNoRunHadAPrice() throws Exception {
        Path repo = io.mlci.core.testing.TrainingRepos.create(temp.newFolder("unpriced").toPath());
        Map<String, String> noPrice = Map.of("PATH", System.getenv("PATH"), "MLCI_BRANCH", "main");
        CliRun train = CliRun.in(repo, noPrice, "train", "--executor", "local");
        assertThat(train.exitCode()).as(train.err()).isZero();
        assertThat(CliRun.in(repo, noPrice, "train", "--executor", "local").err()).contains("skipped");

        CliRun cost = CliRun.in(repo, noPrice, "cost");

        assertThat(cost.exitCode()).as(cost.err()).isZero();
        assertThat(cost.out()).containsPattern("\\ntotal +2 +1 +1 +0 +[0-9.]+ +0\\.00 +unknown +unknown\\n")
                .contains("2 run(s) have no price").doesNotContain("0.00 USD");
    }

    @Test
    public void shouldShowTheCostLineInThePullRequestReport() throws Exception {
        assertThat(dir.resolve("report.md")).content().containsPattern("Cost: [0-9.]+ USD for [0-9.]+ s at 3600.00 USD/h "
                + "\\(MLCI_PRICE_PER_HOUR\\); baseline [0-9.]+ USD");
    }

    @Test
    public void shouldGroupByWeekAndInstanceAndFilterByDateAndBranch() throws Exception {
        assertThat(mlci("cost", "--by", "week").out()).containsPattern("\\d{4}-W\\d{2} +3 +2 +1");
        assertThat(mlci("cost", "--by", "instance").out()).contains("(unknown)");
        assertThat(JSON.readTree(mlci("--json", "cost", "--branch", "main").out()).at("/total/runs").asInt()).isEqualTo(2);
        assertThat(mlci("cost", "--since", "2999-01-01").out()).contains("no runs");
        CliRun badDate = mlci("cost", "--since", "yesterday");
        assertThat(badDate.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(badDate.err()).contains("--since").contains("'yesterday'");
        assertThat(mlci("cost", "--by", "month").err()).contains("branch, week, instance");
    }

    @Test
    public void shouldShowCostsInTheRunsListAndShow() throws Exception {
        CliRun list = mlci("runs", "list");

        assertThat(list.out()).contains("COST").containsPattern("reused .* saved [0-9.]+ USD");
        String id = firstMainRun().get("id").asText();
        assertThat(mlci("runs", "show", id).out()).containsPattern("cost +[0-9.]+ USD at 3600.00 USD/h \\(MLCI_PRICE_PER_HOUR\\)");
    }

    @Test
    public void shouldFailAGateWhoseCostRuleTheRunBreaks() throws Exception {
        Path repo = dir.resolve("repo");
        String id = firstMainRun().get("id").asText();
        Path yaml = repo.resolve("mlci.yaml");
        String original = Files.readString(yaml);
        try {
            Files.writeString(yaml, original.replace("  rules:\n", "  rules:\n    - cost: {max: 0.000001}\n"));

            CliRun gate = mlci("gate", "--run", id, "--base", "none");

            assertThat(gate.exitCode()).as(gate.out() + gate.err()).isEqualTo(ExitCodes.GATE_FAILED);
            assertThat(gate.out() + gate.err()).contains("training cost");
        } finally {
            Files.writeString(yaml, original);
        }
    }

    private static JsonNode firstMainRun() throws Exception {
        JsonNode runs = JSON.readTree(mlci("--json", "runs", "list", "--branch", "main", "--status", "succeeded").out());
        return runs.get(runs.size() - 1);
    }
}
