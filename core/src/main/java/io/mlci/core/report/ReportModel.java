package io.mlci.core.report;

import io.mlci.core.evaluate.TrustedEvaluation;
import io.mlci.core.WebLinks;

import io.mlci.core.gate.GateResult;
import io.mlci.core.gate.RuleOutcome;
import io.mlci.core.gate.RuleStatus;
import io.mlci.core.metrics.MetricNames;
import io.mlci.core.metrics.ValueDiff;
import io.mlci.core.run.record.RunRecord;
import io.mlci.core.run.record.StageRun;
import io.mlci.core.sweep.SweepRecord;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The content of a PR report, independent of its format: the verdict, where the numbers came from,
 * and tables of plain-text cells. The Markdown and HTML renderers only lay it out.
 *
 * @param headline   the verdict line, e.g. "mlci gate failed — accuracy: improvement -0.006 is not >= -0.005"
 * @param provenance candidate, baseline and why, and where the rules came from
 * @param tables     metric table first, then params, then data
 * @param notes      closing lines (missing slices, rubber stamp, seeds)
 * @param baselineBuildUrl the CI build that produced the baseline, when it was an http(s) URL; else null
 */
public record ReportModel(RuleStatus verdict, String headline, String provenance, List<Table> tables, List<String> notes,
                          String dashboardUrl, String baselineBuildUrl) {

    /**
     * @param codeColumns columns whose cells are identifiers (hashes), shown in code style
     * @param numeric     columns aligned right
     */
    public record Table(String title, List<String> columns, Set<Integer> codeColumns, Set<Integer> numeric,
                        List<List<String>> rows) {
    }

    public static ReportModel of(ReportData data) {
        GateResult result = data.evaluation().result();
        List<Table> tables = new ArrayList<>();
        tables.add(metricTable(data, result));
        List<List<String>> params = new ArrayList<>();
        data.params().forEach(row -> params.add(List.of(row.name(), Numbers.format(row.old()), Numbers.format(row.now()))));
        tables.add(new Table("Params that changed", List.of("Param", "base", "PR"), Set.of(), Set.of(), params));
        List<List<String>> changes = new ArrayList<>();
        data.data().forEach(change -> changes.add(List.of(change.path(), change.pointer(), shortHash(change.oldHash()),
                shortHash(change.newHash()), size(change.oldSize()) + " → " + size(change.newSize()))));
        tables.add(new Table("Data that changed", List.of("Path", "pointer", "base", "PR", "size"), Set.of(2, 3), Set.of(4),
                changes));
        tables.add(stageTable(data.evaluation().candidate()));
        SweepRecord sweep = data.evaluation().sweep();
        if (sweep != null) {
            tables.add(new Table((sweep.isAblation() ? "Ablation " : "Sweep ") + sweep.id() + " — "
                    + SweepTable.BEST + " = best trial", SweepTable.trialColumns(sweep), Set.of(SweepTable.RUN_COLUMN), Set.of(3, 5),
                    SweepTable.trialRows(sweep)));
            if (sweep.isAblation()) {
                tables.add(new Table("The objective without each left-out item", SweepTable.dropColumns(sweep), Set.of(),
                        Set.of(1, 2), SweepTable.dropRows(sweep)));
            }
        }
        List<String> notes = new ArrayList<>();
        String cost = CostLine.of(data.evaluation().cost(), data.evaluation().candidate().id());
        if (cost != null) {
            notes.add(cost);
        }
        if (sweep != null) {
            notes.add(SweepTable.summary(sweep) + ".");
            if (!data.evaluation().candidate().id().equals(sweep.bestRun())) {
                notes.add("The run judged here is not the sweep's best trial" + (sweep.bestRun() == null ? "."
                        : " (" + sweep.best() + ", run " + sweep.bestRun() + ")."));
            }
        }
        if (!result.missingSlices().isEmpty()) {
            notes.add("Missing slices: " + String.join(", ", result.missingSlices()));
        }
        if (result.rubberStamp()) {
            notes.add("No baseline: change rules were not checked (rubber stamp); value rules were.");
        }
        if (data.evaluation().baseline() != null) {
            List<String> versions = data.modelVersions().getOrDefault(data.evaluation().baseline().id(), List.of());
            if (!versions.isEmpty()) {
                notes.add("The baseline is registered as " + String.join(", ", versions) + ".");
            }
        }
        if (!result.seeds().isEmpty()) {
            notes.add("Bootstrap seed(s): " + result.seeds() + ".");
        }
        String baselineBuild = data.evaluation().baseline() == null ? null : data.evaluation().baseline().source().buildUrl();
        String caveat = result.caveat();
        return new ReportModel(result.verdict(), "mlci gate " + result.verdict().label() + headline(result)
                + (caveat == null ? "" : " — " + caveat),
                provenance(data), tables, notes, WebLinks.safe(data.dashboardUrl()), WebLinks.safe(baselineBuild));
    }

    private static Table metricTable(ReportData data, GateResult result) {
        List<List<String>> rows = new ArrayList<>();
        Set<String> covered = new LinkedHashSet<>();
        for (RuleOutcome outcome : result.outcomes()) {
            covered.add(MetricNames.inSlice(outcome.metric(), outcome.slice()));
            String metric = outcome.slice().isEmpty() ? outcome.metric() : outcome.metric() + " [" + outcome.slice() + "]";
            rows.add(List.of(metric, Numbers.format(outcome.base()), Numbers.format(outcome.cand()), Numbers.signed(outcome.delta()),
                    Numbers.percent(outcome.deltaPct()), outcome.rule(), outcome.status().label()));
        }
        for (ValueDiff.Row row : data.metrics()) {
            if (!covered.contains(row.name())) {
                Double pct = row.change() != null && row.old() != null && row.old().doubleValue() != 0
                        ? 100 * row.change() / Math.abs(row.old().doubleValue()) : null;
                rows.add(List.of(row.name(), Numbers.format(row.old()), Numbers.format(row.now()), Numbers.signed(row.change()),
                        Numbers.percent(pct), "—", ""));
            }
        }
        return new Table("", List.of("Metric", "base", "PR", "Δ", "Δ%", "rule", "status"), Set.of(), Set.of(1, 2, 3, 4), rows);
    }

    /** A pipeline run's stages and whether each ran, was restored from an identical run, or was up to date. */
    private static Table stageTable(RunRecord candidate) {
        List<List<String>> rows = new ArrayList<>();
        for (StageRun stage : candidate.stages()) {
            rows.add(List.of(stage.stage(), stage.state(), stage.reason() == null ? "" : stage.reason(),
                    stage.state().equals(StageRun.RAN) ? String.format(java.util.Locale.ROOT, "%.1f s", stage.durationSeconds())
                            : ""));
        }
        return new Table("Pipeline stages", List.of("Stage", "state", "why", "time"), Set.of(), Set.of(3), rows);
    }

    private static String headline(GateResult result) {
        RuleOutcome worst = result.worst();
        if (worst == null) {
            return ": no rules";
        }
        if (worst.status() == RuleStatus.PASSED || worst.status() == RuleStatus.SKIPPED) {
            RuleOutcome first = result.outcomes().stream().filter(o -> o.delta() != null).findFirst().orElse(worst);
            return first.delta() == null ? "" : " — " + first.metric() + " " + Numbers.signed(first.delta())
                    + (first.deltaPct() != null ? " (" + Numbers.percent(first.deltaPct()) + ")" : "");
        }
        return " — " + worst.metric() + (worst.slice().isEmpty() ? "" : " [" + worst.slice() + "]") + ": " + worst.message();
    }

    private static String provenance(ReportData data) {
        RunRecord candidate = data.evaluation().candidate();
        GateResult result = data.evaluation().result();
        StringBuilder text = new StringBuilder("Candidate run " + candidate.id() + where(candidate));
        if (data.evaluation().baseline() != null) {
            text.append(" vs baseline run ").append(data.evaluation().baseline().id())
                    .append(where(data.evaluation().baseline())).append(": ").append(result.baseline().reason()).append('.');
        } else {
            text.append("; no baseline: ").append(result.baseline().reason()).append('.');
        }
        return text.append(machine(candidate)).append(" Rules: ").append(result.rulesFrom()).append('.')
                .append(evaluatedBy(data.evaluation().trusted())).toString();
    }

    /** Whose code measured the candidate's metrics, with what model and data, when not its own training. */
    private static String evaluatedBy(TrustedEvaluation.Result trusted) {
        if (trusted == null) {
            return "";
        }
        return " Metrics: " + trusted.label() + " (" + trusted.command() + " on "
                + String.join(", ", trusted.model().stream().map(f -> f.path() + " " + f.md5()).toList())
                + (trusted.data().isEmpty() ? "" : "; data "
                + String.join(", ", trusted.data().stream().map(f -> f.path() + " " + f.md5()).toList())) + ").";
    }

    /** Where the candidate trained: its image digest and the GPUs it saw, when it ran in a container. */
    private static String machine(RunRecord run) {
        if (run.imageDigest() == null && run.gpus() == null) {
            return "";
        }
        StringBuilder text = new StringBuilder(" Candidate trained");
        if (run.imageDigest() != null) {
            text.append(" in ").append(run.imageDigest());
        }
        if (run.gpus() != null) {
            text.append(" on GPUs: ").append(run.gpus().describe());
        }
        return text.append('.').toString();
    }

    private static String where(RunRecord run) {
        List<String> parts = new ArrayList<>();
        if (run.source().branch() != null) {
            parts.add(run.source().branch());
        }
        if (run.source().commit() != null) {
            parts.add(run.source().commit().substring(0, Math.min(10, run.source().commit().length())));
        }
        return parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")";
    }

    private static String shortHash(String hash) {
        return hash == null ? "-" : hash.substring(0, Math.min(12, hash.length()));
    }

    private static String size(Long size) {
        return size == null ? "-" : Sizes.human(size);
    }
}
