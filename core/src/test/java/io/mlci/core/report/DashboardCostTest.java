package io.mlci.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlci.core.config.CostConfig;
import io.mlci.core.run.cost.PriceTable;
import io.mlci.core.run.cost.Prices;
import io.mlci.core.run.record.Resources;
import io.mlci.core.run.record.RunRecord;
import io.mlci.core.run.record.RunStatus;
import io.mlci.core.run.record.SourceInfo;
import io.mlci.core.testing.HeadlessChromium;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's cost views in a real headless Chromium: spent and saved per ISO week, the
 * savings summed week after week, spent per branch, and the week and branch tables.
 */
public class DashboardCostTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private static Resources.Cost usd(double amount, double hours) {
        return new Resources.Cost(amount / hours, "USD", "mlci.yaml cost.pricePerHour", null, amount);
    }

    private static Resources used(double hours, Resources.Cost cost, Resources.Training saved,
                                  List<Resources.RestoredStage> restored) {
        return new Resources(null, List.of(), "g5.xlarge", "on-demand", "us-east-1", 1, "NVIDIA A10G", hours, hours, cost,
                saved, restored);
    }

    private static RunRecord run(String id, String at, String branch, RunStatus status, String reusedFrom, double seconds,
                                 Resources used) {
        return RunRecord.builder(id, "k".repeat(64), new SourceInfo("repo", "c".repeat(40), false, branch, null, null, null))
                .status(status).reusedFrom(reusedFrom).times(at, Instant.parse(at).plusSeconds((long) seconds).toString(), seconds)
                .exit(status == RunStatus.REUSED ? null : 0, status == RunStatus.REUSED ? 0 : 1)
                .execution("python train.py", null, null, null).resources(used).build();
    }

    /**
     * Week 2026-W45: main trains for 2.00 USD, feature for 1.00 USD, and feature skips a repeat of
     * it (0.01 USD of restoring, 1.00 USD saved). Week 2026-W46: a pipeline run on main costs
     * 0.25 USD and restores a stage that cost 0.50 USD there; main trains 2 h with no recorded cost
     * (priced at 1.50 USD/h by MLCI_PRICE_PER_HOUR); feature trains for 4.00 EUR.
     */
    static List<RunRecord> runs() {
        Resources.Training feature = new Resources.Training("r2", 1, 1.0, "g5.xlarge", "on-demand", "us-east-1", usd(1, 1));
        Resources.Training stage = new Resources.Training("r1", 0.5, 0.5, "g5.xlarge", "on-demand", "us-east-1", usd(0.5, 0.5));
        return List.of(
                run("r1", "2026-11-02T10:00:00Z", "main", RunStatus.SUCCEEDED, null, 7200, used(2, usd(2, 2), null, null)),
                run("r2", "2026-11-03T10:00:00Z", "feature", RunStatus.SUCCEEDED, null, 3600, used(1, usd(1, 1), null, null)),
                run("r3", "2026-11-04T10:00:00Z", "feature", RunStatus.REUSED, "r2", 3600,
                        used(0.01, usd(0.01, 0.01), feature, null)),
                run("r4", "2026-11-09T10:00:00Z", "main", RunStatus.SUCCEEDED, null, 900,
                        used(0.25, usd(0.25, 0.25), null, List.of(new Resources.RestoredStage("train", stage)))),
                run("r5", "2026-11-10T10:00:00Z", "main", RunStatus.SUCCEEDED, null, 7200, null),
                run("r6", "2026-11-11T10:00:00Z", "feature", RunStatus.SUCCEEDED, null, 3600,
                        used(1, new Resources.Cost(4, "EUR", "mlci.yaml cost.pricePerHour", null, 4), null, null)));
    }

    private static Prices pricePerHour(String price) {
        return new Prices(CostConfig.NONE, "mlci.yaml", Map.of(Prices.PRICE_VARIABLE, price), PriceTable.shipped());
    }

    private static JsonNode values(HeadlessChromium chromium, String selector) throws Exception {
        return chromium.script("return [...document.querySelectorAll('" + selector + "')].map(e => Number(e.dataset.value));");
    }

    private static List<String> cells(HeadlessChromium chromium, String table, String key) throws Exception {
        JsonNode texts = chromium.script("return [...document.querySelectorAll('table[data-by=" + table + "] tr[data-key=\""
                + key + "\"] td')].map(td => td.textContent);");
        return StreamSupport.stream(texts.spliterator(), false).map(JsonNode::asText).toList();
    }

    @Test
    public void shouldChartSpentAndSavedPerWeekSavingsToDateAndSpentPerBranch() throws Exception {
        Path page = temp.getRoot().toPath().resolve("dashboard.html");
        Files.writeString(page, Dashboard.render("churn", runs(), Map.of(), null, Map.of(), List.of(), pricePerHour("1.5")));

        try (HeadlessChromium chromium = HeadlessChromium.start()) {
            chromium.open(page);
            chromium.waitFor("document.body.getAttribute('data-ready') === 'true'", Duration.ofSeconds(20));

            assertThat(chromium.script("return document.querySelector('.cost h2').textContent;").asText())
                    .isEqualTo("Cost: 4.00 EUR + 6.26 USD spent, 1.50 USD saved by 1 skipped run(s) and 1 restored stage(s)");
            assertThat(chromium.script("return document.querySelector('.cost-weeks h3').textContent;").asText())
                    .as("the currency most money went in").isEqualTo("cost per week (USD)");
            assertThat(chromium.script("return [...document.querySelectorAll('rect.cost-spent')].map(r => r.dataset.week);"))
                    .extracting(JsonNode::asText).containsExactly("2026-W45", "2026-W46");
            assertThat(values(chromium, "rect.cost-spent")).extracting(JsonNode::asDouble)
                    .as("the euros stay out of a dollar chart").containsExactly(3.01, 3.25);
            assertThat(values(chromium, "rect.cost-saved")).extracting(JsonNode::asDouble).containsExactly(1.0, 0.5);
            assertThat(values(chromium, "circle.cost-saved-point")).extracting(JsonNode::asDouble).containsExactly(1.0, 1.5);
            double w45 = chromium.script("return document.querySelector('rect.cost-spent[data-week=\"2026-W45\"]')"
                    + ".getBoundingClientRect().height;").asDouble();
            double w46 = chromium.script("return document.querySelector('rect.cost-spent[data-week=\"2026-W46\"]')"
                    + ".getBoundingClientRect().height;").asDouble();
            assertThat(w46 / w45).isBetween(3.25 / 3.01 - 0.02, 3.25 / 3.01 + 0.02);

            assertThat(chromium.script("return [...document.querySelectorAll('.cost-branches .bar-row')].map(r => r.dataset.branch"
                    + " + ':' + r.dataset.value);")).extracting(JsonNode::asText)
                    .as("most spent first").containsExactly("main:5.25", "feature:1.01");

            assertThat(cells(chromium, "week", "2026-W46"))
                    .containsExactly("2026-W46", "3", "3", "0", "1", "3.25", "1.25", "4.00 EUR + 3.25 USD", "0.50 USD");
            assertThat(cells(chromium, "branch", "feature"))
                    .containsExactly("feature", "3", "2", "1", "0", "2.01", "2.01", "4.00 EUR + 1.01 USD", "1.00 USD");
            assertThat(cells(chromium, "branch", "total"))
                    .containsExactly("total", "6", "5", "1", "1", "6.26", "4.26", "4.00 EUR + 6.26 USD", "1.50 USD");
            assertThat(chromium.script("return document.querySelector('.cost .note');").isNull())
                    .as("every run has a price").isTrue();
            chromium.screenshot(Path.of("target", "dashboard-cost.png"));
        }
    }

    @Test
    public void shouldTableRunsWithoutAPriceAndSayHowToPriceThem() throws Exception {
        Path page = temp.getRoot().toPath().resolve("dashboard.html");
        Files.writeString(page, Dashboard.render("churn", DashboardTest.runs(2), Map.of(), null, Map.of(), List.of(), null));

        try (HeadlessChromium chromium = HeadlessChromium.start()) {
            chromium.open(page);
            chromium.waitFor("document.body.getAttribute('data-ready') === 'true'", Duration.ofSeconds(20));

            assertThat(chromium.script("return document.querySelector('.cost .note').textContent;").asText())
                    .startsWith("4 run(s) have no price").contains("MLCI_PRICE_PER_HOUR");
            assertThat(chromium.script("return document.querySelectorAll('.cost-charts').length;").asInt())
                    .as("nothing to chart without money").isZero();
            // spent: unknown, not a 0.00 no one paid; saved: nothing was skipped, so truly 0.00
            assertThat(cells(chromium, "branch", "total"))
                    .containsExactly("total", "4", "4", "0", "0", "0.07", "0.00", "unknown", "0.00");
        }
    }
}
