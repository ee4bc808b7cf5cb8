package io.mlci.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.mlci.core.config.MlciYaml;
import io.mlci.core.gate.GateConfig;
import io.mlci.core.gate.GateRules;
import io.mlci.core.run.record.DataInput;
import io.mlci.core.run.record.OutputFile;
import io.mlci.core.run.record.RunIds;
import io.mlci.core.run.record.RunRecord;
import io.mlci.core.run.record.RunStatus;
import io.mlci.core.run.record.SourceInfo;
import io.mlci.core.run.store.Fact;
import io.mlci.core.testing.HeadlessChromium;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The dashboard opened from a file in a real headless Chromium: charts, thresholds, table, lineage, offline. */
public class DashboardTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    /** 20 runs on main (accuracy 0.80 ... 0.895) and 20 on feature (0.70 ... 0.795), one hour apart. */
    static List<RunRecord> runs(int perBranch) {
        List<RunRecord> runs = new ArrayList<>();
        Instant start = Instant.parse("2026-11-01T00:00:00Z");
        for (int i = 0; i < 2 * perBranch; i++) {
            boolean main = i % 2 == 0;
            int step = i / 2;
            Instant at = start.plusSeconds(3600L * i);
            double accuracy = (main ? 0.80 : 0.70) + 0.005 * (step % 20);
            runs.add(RunRecord.builder(RunIds.next(at), String.format("%064x", i),
                            new SourceInfo("repo", String.format("%040x", i), false, main ? "main" : "feature", null, null, null))
                    .status(RunStatus.SUCCEEDED).times(at.toString(), at.plusSeconds(60).toString(), 60).exit(0, 1)
                    .execution("python train.py", null, null, null)
                    .params(Map.of("train.lr", DoubleNode.valueOf(0.1 * (1 + step % 3))), List.of("params.yaml"))
                    .inputs(List.of(new DataInput("data", "5ea40360f5b4ec688df672a4db9c17d1.dir", 100, 3, "data.dvc")),
                            Map.of(".", "a".repeat(40)), Map.of())
                    .outputs(List.of(new OutputFile("model.pt", "d41d8cd98f00b204e9800998ecf8427e", String.format("%064x", 1000 + i),
                            10, 1, List.of())))
                    .metrics(Map.of("accuracy", DoubleNode.valueOf(accuracy), "loss", DoubleNode.valueOf(1 - accuracy)))
                    .build());
        }
        return runs;
    }

    static GateConfig gate() {
        return GateRules.parse(MlciYaml.parse("mlci.yaml", "gate:\n  rules:\n    - \"accuracy >= 0.8\"\n    - \"loss <= 0.4\"\n").gate(),
                "mlci.yaml");
    }

    @Test
    public void shouldRenderChartsTableAndLineageOfflineInChromium() throws Exception {
        List<RunRecord> runs = runs(20);
        RunRecord failed = runs.get(1);
        Map<String, Fact> verdicts = Map.of(failed.id(), new Fact(failed.id(), "gate", "2026-11-01T02:00:00Z",
                JsonNodeFactory.instance.objectNode().put("verdict", "failed")));
        Path page = temp.getRoot().toPath().resolve("dashboard.html");
        Files.writeString(page, Dashboard.render("churn <model>", runs, verdicts, gate(),
                Map.of(runs.get(0).id(), List.of("churn v1 (production)"))));

        try (HeadlessChromium chromium = HeadlessChromium.start()) {
            chromium.open(page);
            chromium.waitFor("document.body.getAttribute('data-ready') === 'true'", Duration.ofSeconds(20));

            assertThat(chromium.script("return document.title;").asText()).isEqualTo("churn <model> — mlci");
            assertThat(chromium.script("return [...document.querySelectorAll('.chart')].map(c => c.dataset.metric);"))
                    .extracting(JsonNode::asText).containsExactly("accuracy", "loss");
            JsonNode lines = chromium.script("return [...document.querySelectorAll('.chart[data-metric=accuracy] polyline')]"
                    + ".map(p => p.dataset.branch + ':' + p.dataset.points);");
            assertThat(lines).extracting(JsonNode::asText).containsExactlyInAnyOrder("main:20", "feature:20");
            assertThat(chromium.script("return document.querySelector('.chart[data-metric=accuracy] .threshold').dataset.value;")
                    .asText()).isEqualTo("0.8");
            assertThat(chromium.script("return document.querySelector('.chart[data-metric=loss] .threshold').dataset.threshold;")
                    .asText()).isEqualTo("max");

            assertThat(chromium.script("return document.querySelectorAll('tr.run').length;").asInt()).isEqualTo(40);
            assertThat(chromium.script("return document.querySelector('tr.run td').textContent;").asText())
                    .as("newest first").isEqualTo(runs.get(39).id());
            chromium.script("document.querySelector('th[data-key=m0]').click();");
            assertThat(chromium.script("return document.querySelector('tr.run').children[6].textContent;").asText())
                    .as("sorted by accuracy, highest first").isEqualTo("0.895");
            chromium.script("const f = document.getElementById('filter'); f.value = 'feature'; f.dispatchEvent(new Event('input'));");
            assertThat(chromium.script("return [...document.querySelectorAll('tr.run')].map(r => r.children[2].textContent);"))
                    .hasSize(20).extracting(JsonNode::asText).containsOnly("feature");
            chromium.script("const f = document.getElementById('filter'); f.value = 'failed'; f.dispatchEvent(new Event('input'));");
            assertThat(chromium.script("return [...document.querySelectorAll('tr.run')].map(r => r.dataset.run);"))
                    .extracting(JsonNode::asText).containsExactly(failed.id());

            chromium.script("const f = document.getElementById('filter'); f.value = ''; f.dispatchEvent(new Event('input'));"
                    + "document.querySelector('tr.run[data-run=\"" + runs.get(0).id() + "\"]').click();");
            String detail = chromium.script("return document.getElementById('detail').innerText;").asText();
            assertThat(detail).contains("data@5ea40360f5b4.dir").contains("model.pt sha256:").contains("train.lr=0.1")
                    .contains("churn v1 (production)");
            assertThat(chromium.script("return performance.getEntriesByType('resource').length;").asInt())
                    .as("nothing fetched from the network").isZero();

            Path shot = Path.of("target", "dashboard.png");
            chromium.screenshot(shot);
            assertThat(Files.size(shot)).isGreaterThan(5_000);
        }
    }

    @Test
    public void shouldStayUnderFiveMegabytesForTenThousandRuns() {
        String html = Dashboard.render("big", runs(5_000), Map.of(), gate(), Map.of());

        assertThat(html.length()).isLessThan(5_000_000);
        assertThat(html).doesNotContainPattern("(src|href)\\s*=").doesNotContain("<link").doesNotContain("@import")
                .doesNotContain("fetch(").doesNotContain("XMLHttpRequest");
    }
}
