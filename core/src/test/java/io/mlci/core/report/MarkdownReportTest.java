package io.mlci.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import io.mlci.core.evaluate.EvaluationResult;
import io.mlci.core.gate.BaselineInfo;
import io.mlci.core.gate.GateResult;
import io.mlci.core.gate.RuleOutcome;
import io.mlci.core.gate.RuleStatus;
import io.mlci.core.metrics.ValueDiff;
import io.mlci.core.run.record.RunStatus;
import io.mlci.core.testing.TestRuns;
import org.junit.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

public class MarkdownReportTest {

    private static ReportData report(int rules, String nameSuffix) {
        List<RuleOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < rules; i++) {
            outcomes.add(new RuleOutcome("metric_" + i + " >= 0.5", "mlci.yaml:" + i, "metric_" + i + nameSuffix, "", 0.6, 0.4,
                    -0.2, -33.3, null, null, i == 0 ? RuleStatus.FAILED : RuleStatus.PASSED, "metric_" + i + " 0.4 is not >= 0.5"));
        }
        GateResult result = new GateResult(RuleStatus.FAILED, "cand", new BaselineInfo("base", "c0ffee", "main", "reason"),
                "mlci.yaml", false, List.of(), List.of(), outcomes);
        Map<String, JsonNode> metrics = new LinkedHashMap<>();
        for (int i = 0; i < rules; i++) {
            metrics.put("other_" + i, DoubleNode.valueOf(i));
        }
        var candidate = TestRuns.record(2, RunStatus.SUCCEEDED, "feature", "d".repeat(40), TestRuns.KEY_A);
        var baseline = TestRuns.record(1, RunStatus.SUCCEEDED, "main", "c".repeat(40), TestRuns.KEY_B);
        EvaluationResult evaluation = new EvaluationResult(candidate, baseline, null, result, "store");
        return new ReportData(evaluation, ValueDiff.compare(Map.of(), metrics, true), List.of(), List.of(), null,
                Map.of(baseline.id(), List.of("churn v2 (production)")));
    }

    @Test
    public void shouldTruncateToGitHubsLimitWithANoteAndKeepTheWorstRuleFirst() {
        String markdown = MarkdownReport.render(report(3000, ""));

        assertThat(markdown.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(MarkdownReport.LIMIT);
        assertThat(markdown).contains("row(s) omitted to stay within GitHub's 65535-byte limit");
        assertThat(markdown.lines().filter(line -> line.startsWith("| metric_")).findFirst()).get().asString()
                .startsWith("| metric_0 |").contains("failed");
    }

    @Test
    public void shouldNotTruncateASmallReport() {
        String markdown = MarkdownReport.render(report(5, ""));

        assertThat(markdown).doesNotContain("omitted").contains("The baseline is registered as churn v2 (production).");
        assertThat(markdown.lines().filter(line -> line.startsWith("| metric_")).count()).isEqualTo(5);
    }

    @Test
    public void shouldKeepNamesFromBreakingTheTableOrTheMarker() {
        String markdown = MarkdownReport.render(report(1, "|x --> <script>"));

        assertThat(markdown).contains("metric_0\\|x --&gt; &lt;script&gt;").doesNotContain("<script>");
        assertThat(markdown.indexOf("-->")).isEqualTo(MarkdownReport.MARKER.indexOf("-->"));
    }

    @Test
    public void shouldListThePipelineStagesWithTheirState() throws Exception {
        ReportData plain = report(1, "");
        var json = (com.fasterxml.jackson.databind.node.ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(io.mlci.core.run.store.RunStore.toJson(plain.evaluation().candidate()));
        json.putArray("stages")
                .add(stage("prepare", "unchanged", null, 0))
                .add(stage("train", "ran", "param 'train.lr' changed", 12.34))
                .add(stage("evaluate", "restored", "dependency 'model.pkl' changed; identical inputs ran before", 0));
        var candidate = io.mlci.core.run.store.RunStore.fromJson(json.toString().getBytes(StandardCharsets.UTF_8));
        ReportData data = new ReportData(new EvaluationResult(candidate, plain.evaluation().baseline(), null,
                plain.evaluation().result(), "store"), plain.metrics(), List.of(), List.of(), null, Map.of());

        String markdown = MarkdownReport.render(data);

        assertThat(markdown).contains("### Pipeline stages")
                .contains("| prepare | unchanged |  |  |")
                .contains("| train | ran | param 'train.lr' changed | 12.3 s |")
                .contains("| evaluate | restored |");
        assertThat(MarkdownReport.render(plain)).doesNotContain("Pipeline stages");
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode stage(String name, String state, String reason,
                                                                       double seconds) {
        var node = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        node.put("stage", name).put("state", state).put("reason", reason).put("durationSeconds", seconds);
        return node;
    }

    @Test
    public void shouldFormatNumbersWithFiveSignificantDigits() {
        assertThat(Numbers.format(0.123456789)).isEqualTo("0.12346");
        assertThat(Numbers.format(12345.678)).isEqualTo("12346");
        assertThat(Numbers.format(3.0)).isEqualTo("3");
        assertThat(Numbers.format(0.5)).isEqualTo("0.5");
        assertThat(Numbers.format((Double) null)).isEqualTo("-");
        assertThat(Numbers.signed(0.01)).isEqualTo("+0.01");
        assertThat(Numbers.percent(-40.0)).isEqualTo("-40%");
    }
}
