package io.mlci.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlci.core.gate.GateConfig;
import io.mlci.core.gate.Rule;
import io.mlci.core.run.cost.Prices;
import io.mlci.core.run.record.DataInput;
import io.mlci.core.run.record.OutputFile;
import io.mlci.core.run.record.RunRecord;
import io.mlci.core.run.record.RunStatus;
import io.mlci.core.sweep.SweepRecord;
import io.mlci.core.run.store.Fact;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dashboard: one self-contained HTML file (styles, script and data inline; nothing is fetched
 * from the network, so it opens from disk, from Jenkins' publishHTML, or from an archive) with a
 * trend chart per metric — one line per branch, the gate's value bounds drawn — what training cost
 * per week and per branch and what skipped runs and restored stages saved over time, a sortable,
 * filterable run table, and each run's lineage: data versions → run → outputs → model versions.
 *
 * <p>Runs are stored column by column with repeated strings (branches, data versions, outputs)
 * kept once in a table, so 10,000 runs stay well under 5 MB.
 */
public final class Dashboard {

    /** Metrics charted and tabled, rule metrics first, then the most frequent. */
    static final int MAX_METRICS = 12;
    private static final ObjectMapper JSON = new ObjectMapper();

    private Dashboard() {
    }

    /**
     * @param runs          every run to show
     * @param gateVerdicts  run id → its latest gate fact
     * @param gate          the rules whose value bounds are drawn; null = none
     * @param modelVersions run id → model versions registered from it ("churn v3 (production)")
     */
    public static String render(String title, List<RunRecord> runs, Map<String, Fact> gateVerdicts, GateConfig gate,
                                Map<String, List<String>> modelVersions) {
        return render(title, runs, gateVerdicts, gate, modelVersions, List.of());
    }

    /** @param sweeps sweeps and ablations, newest first; the newest few get a view of their trials */
    public static String render(String title, List<RunRecord> runs, Map<String, Fact> gateVerdicts, GateConfig gate,
                                Map<String, List<String>> modelVersions, List<SweepRecord> sweeps) {
        return render(title, runs, gateVerdicts, gate, modelVersions, sweeps, null);
    }

    /**
     * @param prices prices the runs that recorded no cost, as {@code mlci cost} does; null = leave
     *               them unpriced
     */
    public static String render(String title, List<RunRecord> runs, Map<String, Fact> gateVerdicts, GateConfig gate,
                                Map<String, List<String>> modelVersions, List<SweepRecord> sweeps, Prices prices) {
        ObjectNode model = data(runs, gateVerdicts, gate, modelVersions);
        model.set("sweeps", SweepViews.data(sweeps));
        model.set("cost", CostViews.data(runs, prices));
        String data = model.toString().replace("</", "<\\/");
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
                + "script-src 'unsafe-inline'; img-src data:\">"
                + "<title>" + HtmlReport.escape(title) + " — mlci</title>\n<style>" + resource("dashboard.css") + "</style></head>\n"
                + "<body><header><h1>" + HtmlReport.escape(title) + "</h1><span class=\"meta\" id=\"count\"></span>"
                + "<span class=\"meta\" id=\"rendered\"></span></header>\n<main><section id=\"charts\"></section><section id=\"cost\"></section>"
                + "<section id=\"sweeps\"></section>\n"
                + "<div id=\"controls\"><input id=\"filter\" type=\"search\" placeholder=\"filter: branch, run, commit, status\">"
                + "</div>\n<table id=\"runs\"></table><button id=\"more\" type=\"button\"></button>\n"
                + "<section id=\"detail\"></section></main>\n"
                + "<script type=\"application/json\" id=\"mlci-data\">" + data + "</script>\n"
                + "<script>" + resource("dashboard.js") + "</script>\n</body></html>\n";
    }

    static ObjectNode data(List<RunRecord> runs, Map<String, Fact> verdicts, GateConfig gate,
                           Map<String, List<String>> modelVersions) {
        List<RunRecord> sorted = new ArrayList<>(runs);
        sorted.sort(Comparator.comparing(RunRecord::id));
        List<String> metrics = metricColumns(sorted, gate);
        Strings strings = new Strings();
        List<String> branches = new ArrayList<>();
        ObjectNode root = JSON.createObjectNode();
        root.put("generated", Instant.now().toString());
        ArrayNode statuses = root.putArray("statuses");
        for (RunStatus status : RunStatus.values()) {
            statuses.add(status.label());
        }
        ObjectNode columns = JSON.createObjectNode();
        ArrayNode id = columns.putArray("id");
        ArrayNode time = columns.putArray("t");
        ArrayNode branch = columns.putArray("b");
        ArrayNode commit = columns.putArray("c");
        ArrayNode status = columns.putArray("s");
        ArrayNode verdict = columns.putArray("g");
        ArrayNode key = columns.putArray("k");
        ArrayNode reused = columns.putArray("r");
        ArrayNode data = columns.putArray("d");
        ArrayNode outputs = columns.putArray("o");
        ArrayNode params = columns.putArray("p");
        ArrayNode versions = columns.putArray("v");
        ArrayNode values = columns.putArray("m");
        List<ArrayNode> metricColumns = new ArrayList<>();
        for (int m = 0; m < metrics.size(); m++) {
            metricColumns.add(values.addArray());
        }
        for (RunRecord run : sorted) {
            id.add(run.id());
            time.add(seconds(run));
            String branchName = run.source().branch() == null ? "(none)" : run.source().branch();
            int b = branches.indexOf(branchName);
            if (b < 0) {
                branches.add(branchName);
                b = branches.size() - 1;
            }
            branch.add(b);
            commit.add(run.source().commit() == null ? "-" : run.source().commit().substring(0, Math.min(10, run.source().commit().length())));
            status.add(run.status().ordinal());
            verdict.add(verdictIndex(verdicts.get(run.id())));
            key.add(run.runKey().substring(0, 12));
            reused.add(run.reusedFrom() == null ? -1 : strings.index(run.reusedFrom()));
            ArrayNode runData = data.addArray();
            for (DataInput input : run.data()) {
                runData.add(strings.index(input.path() + "@" + shortHash(input.hash())));
            }
            ArrayNode runOutputs = outputs.addArray();
            for (OutputFile output : run.outputs()) {
                runOutputs.add(strings.index(output.path() + (output.sha256() != null ? " sha256:" + shortHash(output.sha256())
                        : " md5:" + shortHash(output.md5()))));
            }
            ArrayNode runParams = params.addArray();
            run.params().forEach((name, value) -> runParams.add(strings.index(name + "=" + (value.isTextual() ? value.textValue() : value))));
            ArrayNode runVersions = versions.addArray();
            modelVersions.getOrDefault(run.id(), List.of()).forEach(v -> runVersions.add(strings.index(v)));
            for (int m = 0; m < metrics.size(); m++) {
                JsonNode value = run.metrics().get(metrics.get(m));
                if (value != null && value.isNumber() && Double.isFinite(value.doubleValue())) {
                    metricColumns.get(m).add(value.doubleValue());
                } else {
                    metricColumns.get(m).addNull();
                }
            }
        }
        ArrayNode metricNames = root.putArray("metrics");
        metrics.forEach(metricNames::add);
        root.set("thresholds", thresholds(gate, metrics));
        ArrayNode branchNames = root.putArray("branches");
        branches.forEach(branchNames::add);
        ArrayNode table = root.putArray("strings");
        strings.values.forEach(table::add);
        root.set("runs", columns);
        return root;
    }

    /** Numeric overall metrics: those the rules name first, then by how many runs report them. */
    private static List<String> metricColumns(List<RunRecord> runs, GateConfig gate) {
        Map<String, Integer> counts = new HashMap<>();
        for (RunRecord run : runs) {
            run.metrics().forEach((name, value) -> {
                if (!name.startsWith("slices.") && value.isNumber()) {
                    counts.merge(name, 1, Integer::sum);
                }
            });
        }
        List<String> columns = new ArrayList<>();
        if (gate != null) {
            gate.rules().stream().map(Rule::metric).filter(counts::containsKey).distinct().forEach(columns::add);
        }
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).filter(name -> !columns.contains(name)).forEach(columns::add);
        return columns.subList(0, Math.min(MAX_METRICS, columns.size()));
    }

    private static ObjectNode thresholds(GateConfig gate, List<String> metrics) {
        ObjectNode thresholds = JSON.createObjectNode();
        Threshold.of(gate, metrics::contains).forEach((metric, bounds) -> {
            ObjectNode node = thresholds.putObject(metric);
            if (bounds.min() != null) {
                node.put("min", bounds.min());
            }
            if (bounds.max() != null) {
                node.put("max", bounds.max());
            }
        });
        return thresholds;
    }

    private static int verdictIndex(Fact fact) {
        if (fact == null) {
            return -1;
        }
        return switch (fact.body().path("verdict").asText()) {
            case "passed" -> 0;
            case "unstable" -> 1;
            case "failed" -> 2;
            default -> -1;
        };
    }

    private static long seconds(RunRecord run) {
        try {
            return Instant.parse(run.startedAt()).getEpochSecond();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private static String shortHash(String hash) {
        return hash.length() <= 12 ? hash : hash.substring(0, 12) + (hash.endsWith(".dir") ? ".dir" : "");
    }

    /** Repeated strings stored once; runs refer to them by index. */
    private static final class Strings {
        private final List<String> values = new ArrayList<>();
        private final Map<String, Integer> index = new LinkedHashMap<>();

        int index(String value) {
            return index.computeIfAbsent(value, v -> {
                values.add(v);
                return values.size() - 1;
            });
        }
    }

    private static String resource(String name) {
        try (InputStream in = Dashboard.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the mlci jar lacks " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }
}
