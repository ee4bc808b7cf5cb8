package io.mlci.core.ci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlci.core.report.Threshold;
import org.junit.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

public class TrendChartTest {

    private static final List<TrendChart.Point> BUILDS = List.of(
            new TrendChart.Point("PR-7", "PR-7 #1", 300, Map.of("accuracy", 0.91, "loss", 0.2)),
            new TrendChart.Point("main", "main #1", 100, Map.of("accuracy", 0.90, "loss", 0.3, "f1", 0.5)),
            new TrendChart.Point("main", "main #2", 200, Map.of("accuracy", 0.92, "loss", 0.25)));

    @Test
    public void shouldDrawOneLinePerBranchAlignedOnTheBuildsInTimeOrder() {
        TrendChart accuracy = TrendChart.of(BUILDS, Map.of()).stream().filter(c -> c.metric().equals("accuracy"))
                .findFirst().orElseThrow();

        assertThat(accuracy.labels()).containsExactly("main #1", "main #2", "PR-7 #1");
        assertThat(accuracy.series()).extracting(TrendChart.Series::name).containsExactly("main", "PR-7");
        assertThat(accuracy.series().get(0).values()).containsExactly(0.90, 0.92, null);
        assertThat(accuracy.series().get(1).values()).containsExactly(null, null, 0.91);
    }

    @Test
    public void shouldChartGatedMetricsFirstThenTheMostReported() {
        List<TrendChart> charts = TrendChart.of(BUILDS, Map.of("loss", new Threshold(null, 0.35)));

        assertThat(charts).extracting(TrendChart::metric).containsExactly("loss", "accuracy", "f1");
        assertThat(charts.get(2).series()).extracting(TrendChart.Series::name).containsExactly("main");
    }

    @Test
    public void shouldDrawTheGateBoundsAsDashedMarkLines() throws Exception {
        TrendChart loss = TrendChart.of(BUILDS, Map.of("loss", new Threshold(0.1, 0.35))).get(0);

        JsonNode option = new ObjectMapper().readTree(loss.toEcharts());

        assertThat(option.at("/title/text").asText()).isEqualTo("loss");
        assertThat(option.at("/xAxis/data").size()).isEqualTo(3);
        assertThat(option.at("/series/0/data/2").isNull()).isTrue();
        JsonNode marks = option.at("/series/0/markLine/data");
        assertThat(marks.findValuesAsText("name")).containsExactly("min", "max");
        assertThat(marks.get(1).get("yAxis").asDouble()).isEqualTo(0.35);
        assertThat(option.at("/series/1/markLine").isMissingNode()).isTrue();
    }

    @Test
    public void shouldLeaveOutMetricsBeyondTheLimit() {
        Map<String, Double> many = new java.util.HashMap<>();
        for (int i = 0; i < TrendChart.MAX_METRICS + 3; i++) {
            many.put("m" + i, (double) i);
        }
        List<TrendChart> charts = TrendChart.of(List.of(new TrendChart.Point("main", "main #1", 1, many)), Map.of());

        assertThat(charts).hasSize(TrendChart.MAX_METRICS);
        assertThat(charts.get(0).labels()).containsExactly("main #1");
    }
}
