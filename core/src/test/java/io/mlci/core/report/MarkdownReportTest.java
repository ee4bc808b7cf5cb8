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
