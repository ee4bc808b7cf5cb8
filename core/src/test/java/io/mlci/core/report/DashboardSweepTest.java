package io.mlci.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlci.core.sweep.Objective;
import io.mlci.core.sweep.SweepRecord;
import io.mlci.core.sweep.TrialResult;
import io.mlci.core.testing.HeadlessChromium;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The dashboard's sweep views in a real headless Chromium: a scatter per swept param, an ablation's bars. */
public class DashboardSweepTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private static TrialResult trial(String name, String lr, String optimizer, Double auc, String status) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("train.lr", lr);
        params.put("train.optimizer", optimizer);
        return new TrialResult(name, params, null, "run-" + name, status, null, auc, null, false, null);
    }

    static SweepRecord sweep() {
        Objective auc = new Objective("auc", Objective.Goal.MAX);
        return new SweepRecord(1, "20261205-120000-000-aaaa", "sweep", "2026-12-05T12:00:00Z", "c0ffee", "main", auc, "grid",
                null, List.of(trial("t1", "0.01", "\"adam\"", 0.71, "succeeded"), trial("t2", "0.01", "\"sgd\"", 0.69, "succeeded"),
                trial("t3", "0.1", "\"adam\"", 0.83, "succeeded"), trial("t4", "0.1", "\"sgd\"", null, "failed")), "t3", "run-t3");
    }

    static SweepRecord ablation() {
        Objective auc = new Objective("auc", Objective.Goal.MAX);
        return new SweepRecord(1, "20261205-110000-000-bbbb", "ablation", "2026-12-05T11:00:00Z", "c0ffee", "main", auc,
                "leave-one-out", null, List.of(
                new TrialResult("baseline", Map.of(), null, "run-b", "succeeded", null, 0.80, null, false, null),
                new TrialResult("-age", Map.of("features", "[\"income\"]"), "age", "run-a", "succeeded", null, 0.78, null, false, null),
                new TrialResult("-income", Map.of("features", "[\"age\"]"), "income", "run-i", "succeeded", null, 0.60, null,
                        false, null)), "baseline", "run-b");
    }

    @Test
    public void shouldPlotEveryTrialAgainstEachSweptParamAndBarTheAblationDrops() throws Exception {
        Path page = temp.getRoot().toPath().resolve("dashboard.html");
        Files.writeString(page, Dashboard.render("churn", DashboardTest.runs(2), Map.of(), DashboardTest.gate(), Map.of(),
                List.of(sweep(), ablation())));

        try (HeadlessChromium chromium = HeadlessChromium.start()) {
            chromium.open(page);
            chromium.waitFor("document.body.getAttribute('data-ready') === 'true'", Duration.ofSeconds(20));

            assertThat(chromium.script("return [...document.querySelectorAll('.sweep')].map(s => s.dataset.sweep);"))
                    .extracting(JsonNode::asText).containsExactly("20261205-120000-000-aaaa", "20261205-110000-000-bbbb");
            assertThat(chromium.script("return [...document.querySelectorAll('.sweep-param')].map(c => c.dataset.param);"))
                    .extracting(JsonNode::asText).containsExactly("train.lr", "train.optimizer");
            assertThat(chromium.script("return document.querySelectorAll('.sweep-param[data-param=\"train.lr\"] circle').length;")
                    .asInt()).as("the failed trial has no value to plot").isEqualTo(3);
            assertThat(chromium.script("return [...document.querySelectorAll('circle.best')].map(c => c.dataset.trial);"))
                    .extracting(JsonNode::asText).containsExactly("t3", "t3");
            assertThat(chromium.script("return [...document.querySelectorAll('.sweep-param[data-param=\"train.optimizer\"] .tick')]"
                    + ".map(t => t.textContent).slice(2);")).extracting(JsonNode::asText).containsExactly("adam", "sgd");
            assertThat(chromium.script("return [...document.querySelectorAll('.ablation .bar-row')].map(r => r.dataset.removed);"))
                    .extracting(JsonNode::asText).as("largest drop first").containsExactly("income", "age");
            double incomeWidth = chromium.script("return document.querySelector('.bar-row[data-removed=income] .bar')"
                    + ".getBoundingClientRect().width;").asDouble();
            double ageWidth = chromium.script("return document.querySelector('.bar-row[data-removed=age] .bar')"
                    + ".getBoundingClientRect().width;").asDouble();
            assertThat(incomeWidth).isGreaterThan(5 * ageWidth);
            Path shot = Path.of("target", "dashboard-sweeps.png");
            chromium.screenshot(shot);
        }
    }
}
