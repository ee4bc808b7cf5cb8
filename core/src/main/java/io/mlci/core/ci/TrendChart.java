package io.mlci.core.ci;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlci.core.report.Threshold;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A metric's trend across CI builds: one line per branch (a multibranch project's pull requests
 * and main side by side), the gate's bounds drawn as dashed lines. Produces the option object of
 * an ECharts line chart, so a page only has to hand it to {@code echarts.init(...).setOption}.
 *
 * @param labels x-axis ticks in time order, e.g. "main #12"
 * @param series one line per branch; values align with labels, null where the branch had no build
 * @param threshold the gate's bounds on the metric, null when it has none
 */
public record TrendChart(String metric, List<String> labels, List<Series> series, Threshold threshold) {

    /** Charts beyond this many metrics bury the ones that matter. */
    public static final int MAX_METRICS = 8;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One build's metrics. @param series the line it belongs to (the branch) */
    public record Point(String series, String label, long time, Map<String, Double> metrics) {
    }

    public record Series(String name, List<Double> values) {
    }

    public TrendChart {
        labels = List.copyOf(labels);
        series = List.copyOf(series);
    }

    /**
     * @param thresholds bounds per metric; metrics with bounds are charted first, then the most
     *                   frequently reported
     */
    public static List<TrendChart> of(List<Point> points, Map<String, Threshold> thresholds) {
        List<Point> ordered = new ArrayList<>(points);
        ordered.sort(Comparator.comparingLong(Point::time));
        List<String> labels = ordered.stream().map(Point::label).toList();
        Set<String> branches = new LinkedHashSet<>();
        ordered.forEach(point -> branches.add(point.series()));
        List<TrendChart> charts = new ArrayList<>();
        for (String metric : metrics(ordered, thresholds)) {
            List<Series> lines = new ArrayList<>();
            for (String branch : branches) {
                List<Double> values = new ArrayList<>();
                ordered.forEach(point -> values.add(point.series().equals(branch) ? point.metrics().get(metric) : null));
                if (values.stream().anyMatch(v -> v != null)) {
                    lines.add(new Series(branch, values));
                }
            }
            charts.add(new TrendChart(metric, labels, lines, thresholds.get(metric)));
        }
        return charts;
    }

    private static List<String> metrics(List<Point> points, Map<String, Threshold> thresholds) {
        Map<String, Integer> counts = new HashMap<>();
        points.forEach(point -> point.metrics().keySet().forEach(name -> counts.merge(name, 1, Integer::sum)));
        List<String> metrics = new ArrayList<>(thresholds.keySet().stream().filter(counts::containsKey).toList());
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).filter(name -> !metrics.contains(name)).forEach(metrics::add);
        return metrics.subList(0, Math.min(MAX_METRICS, metrics.size()));
    }

    /** The ECharts option: category x axis of builds, a value y axis scaled to the data, bounds as mark lines. */
    public String toEcharts() {
        ObjectNode option = JSON.createObjectNode();
        option.putObject("title").put("text", metric).put("left", "center");
        option.putObject("tooltip").put("trigger", "axis");
        ArrayNode legend = option.putObject("legend").put("bottom", 0).putArray("data");
        ObjectNode x = option.putObject("xAxis").put("type", "category");
        labels.forEach(x.putArray("data")::add);
        option.putObject("yAxis").put("type", "value").put("scale", true);
        ArrayNode lines = option.putArray("series");
        for (Series line : series) {
            legend.add(line.name());
            ObjectNode node = lines.addObject().put("name", line.name()).put("type", "line").put("connectNulls", true);
            ArrayNode data = node.putArray("data");
            line.values().forEach(value -> {
                if (value == null) {
                    data.addNull();
                } else {
                    data.add(value);
                }
            });
            if (lines.size() == 1 && threshold != null) {
                node.set("markLine", bounds());
            }
        }
        return option.toString();
    }

    private ObjectNode bounds() {
        ObjectNode mark = JSON.createObjectNode().put("silent", true).put("symbol", "none");
        mark.putObject("lineStyle").put("type", "dashed");
        ArrayNode data = mark.putArray("data");
        if (threshold.min() != null) {
            data.addObject().put("name", "min").put("yAxis", threshold.min());
        }
        if (threshold.max() != null) {
            data.addObject().put("name", "max").put("yAxis", threshold.max());
        }
        return mark;
    }
}
