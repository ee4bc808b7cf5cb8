package io.mlci.cli.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlci.cli.output.Formats;
import io.mlci.core.run.TrainOutcome;
import io.mlci.core.run.cost.Money;
import io.mlci.core.run.record.DataInput;
import io.mlci.core.run.record.GpuInfo;
import io.mlci.core.run.record.NodeRun;
import io.mlci.core.run.record.OutputFile;
import io.mlci.core.run.record.Resources;
import io.mlci.core.run.record.RunEnvironment;
import io.mlci.core.run.record.RunRecord;
import io.mlci.core.run.record.SourceInfo;
import io.mlci.core.run.store.Fact;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** How runs read on a console: one-line summaries and the full lineage of one run. */
final class RunText {

    private static final int DIRECTORY_FILES_SHOWN = 20;

    private RunText() {
    }

    static Map<String, Object> outcomeJson(TrainOutcome outcome) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("skipped", outcome.skipped());
        json.put("reusedFrom", outcome.original() == null ? null : outcome.original().id());
        json.put("store", outcome.store());
        json.put("run", outcome.record());
        return json;
    }

    static void printOutcome(PrintStream out, TrainOutcome outcome) {
        RunRecord run = outcome.record();
        out.println();
        out.println("run " + run.id() + ": " + run.status().label()
                + (outcome.skipped() ? " (reused " + outcome.original().id() + ")" : " in " + seconds(run.durationSeconds())));
        for (OutputFile output : run.outputs()) {
            out.println("  output  " + describe(output));
        }
        if (!run.metrics().isEmpty()) {
            out.println("  metrics " + values(run.metrics()));
        }
        if (run.message() != null && !outcome.skipped()) {
            out.println("  " + run.message());
        }
    }

    static String summaryHeader() {
        return String.format("%-24s %-10s %-18s %-10s %-12s %9s %-18s %s", "RUN", "STATUS", "BRANCH", "COMMIT", "KEY",
                "TIME", "COST", "METRICS");
    }

    static String summary(RunRecord run) {
        String commit = run.source().commit() == null ? "-" : run.source().commit().substring(0, 10)
                + (run.source().dirty() ? "*" : "");
        return String.format("%-24s %-10s %-18s %-10s %-12s %9s %-18s %s", run.id(), run.status().label(),
                abbreviate(run.source().branch() == null ? "-" : run.source().branch(), 18), commit,
                run.runKey().substring(0, 12), seconds(run.durationSeconds()), abbreviate(cost(run), 18),
                abbreviate(values(run.metrics()), 60));
    }

    /** What the run spent, or for a skipped run what it saved; "-" when unknown. */
    static String cost(RunRecord run) {
        Resources used = run.resources();
        if (used == null) {
            return "-";
        }
        if (used.saved() != null) {
            return used.saved().cost() == null ? "-" : "saved " + Money.format(used.saved().amount(), used.saved().cost().currency());
        }
        return used.cost() == null ? "-" : Money.format(used.spent(), used.cost().currency());
    }

    static void printDetails(PrintStream out, RunRecord run, List<Fact> facts) {
        out.println("run " + run.id() + ": " + run.status().label()
                + (run.failure() != null ? " (" + run.failure().reason() + ")" : "")
                + (run.reusedFrom() != null ? " (outputs of " + run.reusedFrom() + ")" : "")
                + (run.completes() != null ? " (completes " + run.completes() + ")" : ""));
        line(out, "started", run.startedAt() + ", took " + seconds(run.durationSeconds()) + ", "
                + run.attempts() + " attempt(s), exit " + (run.exitCode() == null ? "-" : run.exitCode()));
        if (run.message() != null) {
            line(out, "note", run.message());
        }
        line(out, "source", source(run.source()));
        line(out, "command", run.command());
        if (run.image() != null) {
            line(out, "image", run.image() + (run.imageDigest() != null ? " (" + run.imageDigest() + ")" : ""));
        }
        if (run.gpus() != null) {
            line(out, "gpus", run.gpus().describe() + " (train.gpus: " + run.gpus().requested() + ")");
        }
        if (run.nodes() != null) {
            for (NodeRun node : run.nodes()) {
                line(out, "node", "rank " + node.rank() + ": " + node.ended() + ", exit " + node.exitCode() + ", "
                        + seconds(node.seconds()) + (node.logTail().isEmpty() ? ""
                        : "; last line: " + node.logTail().get(node.logTail().size() - 1)));
            }
        }
        if (run.resources() != null) {
            line(out, "cost", costDetails(run.resources()));
        }
        if (run.environment() != null) {
            line(out, "machine", machine(run.environment()));
            line(out, "tools", run.environment().tools().entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")));
        }
        line(out, "run key", run.runKey());
        line(out, "params", run.params().isEmpty() ? "(none)" : values(run.params())
                + (run.paramsFiles().isEmpty() ? "" : "  from " + String.join(", ", run.paramsFiles())));
        for (DataInput input : run.data()) {
            line(out, "data", input.path() + "  " + input.hash() + "  " + Formats.count(input.nfiles()) + " file(s), "
                    + Formats.bytes(input.size()) + "  via " + input.pointer());
        }
        run.code().forEach((path, id) -> line(out, "code", path + "  " + id));
        run.env().forEach((name, value) -> line(out, "env", name + "=" + value));
        if (run.failure() != null) {
            run.failure().cachedOutputs().forEach(output -> line(out, "cached", describe(output) + "  (not uploaded)"));
        }
        for (OutputFile output : run.outputs()) {
            line(out, "output", describe(output));
            output.files().stream().limit(DIRECTORY_FILES_SHOWN).forEach(file -> line(out, "", "  " + describe(file)));
            if (output.files().size() > DIRECTORY_FILES_SHOWN) {
                line(out, "", "  ... and " + (output.files().size() - DIRECTORY_FILES_SHOWN) + " more (--json lists all)");
            }
        }
        line(out, "metrics", run.metrics().isEmpty() ? "(none)" : values(run.metrics()));
        for (Fact fact : facts) {
            line(out, fact.kind(), fact.body().path("verdict").asText(fact.body().toString()) + "  (" + fact.createdAt() + ")");
        }
    }

    private static String costDetails(Resources used) {
        List<String> parts = new ArrayList<>();
        parts.add(used.cost() == null ? "unknown (no price for this machine)"
                : Money.format(used.cost().estimate(), used.cost().currency()) + " at " + Money.rate(used.cost().pricePerHour(),
                used.cost().currency()) + " (" + used.cost().source() + (used.cost().date() != null ? ", " + used.cost().date() : "") + ")");
        parts.add(String.format(Locale.ROOT, "%.3f h", used.hours())
                + (used.gpuHours() != null ? String.format(Locale.ROOT, ", %.3f GPU-h (%d x %s)", used.gpuHours(), used.gpuCount(),
                used.gpuModel()) : ""));
        if (used.instanceType() != null) {
            parts.add(used.instanceType() + (used.lifecycle() != null ? " " + used.lifecycle() : "")
                    + (used.region() != null ? " in " + used.region() : ""));
        }
        Resources.Phases phases = used.phases();
        List<String> times = new ArrayList<>();
        phase(times, "data fetch", phases.dataFetch());
        phase(times, "image pull", phases.imagePull());
        phase(times, "training", phases.training());
        phase(times, "upload", phases.upload());
        if (!times.isEmpty()) {
            parts.add(String.join(", ", times));
        }
        if (used.attempts().size() > 1) {
            parts.add("attempts: " + used.attempts().stream().map(a -> seconds(a.seconds()) + " " + a.reason())
                    .collect(Collectors.joining("; ")));
        }
        if (used.saved() != null) {
            parts.add("saved the training of run " + used.saved().run() + (used.saved().cost() == null ? ""
                    : ": " + Money.format(used.saved().amount(), used.saved().cost().currency())));
        }
        return String.join("; ", parts);
    }

    private static void phase(List<String> times, String name, Double seconds) {
        if (seconds != null) {
            times.add(name + " " + seconds(seconds));
        }
    }

    private static void line(PrintStream out, String label, String text) {
        out.printf("  %-8s %s%n", label, text);
    }

    private static String source(SourceInfo source) {
        List<String> parts = new ArrayList<>();
        parts.add(source.repo() + (source.commit() != null ? " @ " + source.commit() : ""));
        if (source.dirty()) {
            parts.add("with uncommitted changes");
        }
        if (source.branch() != null) {
            parts.add("branch " + source.branch());
        }
        if (source.changeId() != null) {
            parts.add("change #" + source.changeId() + (source.targetBranch() != null ? " -> " + source.targetBranch() : ""));
        }
        if (source.buildUrl() != null) {
            parts.add(source.buildUrl());
        }
        return String.join(", ", parts);
    }

    private static String machine(RunEnvironment environment) {
        List<String> parts = new ArrayList<>();
        parts.add(environment.host());
        if (environment.agent() != null) {
            parts.add("agent " + environment.agent());
        }
        if (environment.instanceType() != null) {
            parts.add(environment.instanceType());
        }
        parts.add(environment.cpus() + " CPUs");
        for (GpuInfo gpu : environment.gpus()) {
            parts.add(gpu.name() + " (driver " + gpu.driver() + (gpu.cuda() != null ? ", CUDA " + gpu.cuda() : "") + ")");
        }
        if (environment.gpus().isEmpty()) {
            parts.add("no GPU");
        }
        parts.add(environment.os());
        return String.join(", ", parts);
    }

    static String describe(OutputFile output) {
        String size = Formats.bytes(output.size());
        if (output.isDirectory()) {
            return output.path() + "/  " + output.md5() + "  " + Formats.count(output.nfiles()) + " file(s), " + size;
        }
        return output.path() + "  sha256 " + output.sha256() + "  md5 " + output.md5() + "  " + size;
    }

    static String values(Map<String, JsonNode> values) {
        return values.entrySet().stream().map(e -> e.getKey() + "=" + io.mlci.core.report.Numbers.format(e.getValue()))
                .collect(Collectors.joining(", "));
    }

    static String seconds(double seconds) {
        if (seconds >= 3600) {
            return String.format(Locale.ROOT, "%dh%02dm", (long) seconds / 3600, ((long) seconds % 3600) / 60);
        }
        if (seconds >= 60) {
            return String.format(Locale.ROOT, "%dm%02ds", (long) seconds / 60, (long) seconds % 60);
        }
        return String.format(Locale.ROOT, "%.1fs", seconds);
    }

    private static String abbreviate(String text, int width) {
        return text.length() <= width ? text : text.substring(0, width - 1) + "…";
    }
}
