package io.mlci.cli.data;

import io.mlci.core.data.lineage.CommitInfo;
import io.mlci.core.data.pointer.Output;
import io.mlci.core.data.pointer.TrackedOutput;
import io.mlci.core.data.workspace.DataWorkspace;
import io.mlci.core.data.workspace.OutputStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import io.mlci.cli.ExitCodes;
import io.mlci.core.data.workspace.DirChanges;
import io.mlci.core.data.workspace.RemoteStatus;
import io.mlci.core.pipeline.PipelineStatus;
import io.mlci.core.pipeline.StageStatus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Compare the workspace with the committed pointers (.dvc files and dvc.lock).",
                "Outputs are present, changed or missing; dvc.lock dependencies unchanged, changed or missing.",
                "Each line also names the commit that last changed the pointer (data lineage).",
                "Then each dvc.yaml stage that 'mlci repro' would run, with what changed, as 'dvc status' shows it:",
                "changed deps (and params), changed outs, changed command, always changed."},
        footer = {"", "Examples:", "  mlci data status", "  mlci data status data.dvc --json", "  mlci data status train",
                "  mlci data status -c --check     # exit 1 if the workspace or the remote is out of date (pre-merge check)",
                "  mlci data status -r backup --verify"})
final class DataStatusCommand extends DataVerb {

    /** How many changed file names to print per directory; the counts are always complete. */
    private static final int SHOWN_CHANGES = 10;

    @Option(names = {"-c", "--cloud"}, description = "Also compare with the default remote: what it lacks, as 'dvc status -c'.")
    boolean cloud;

    @Option(names = {"-r", "--remote"}, paramLabel = "NAME", description = "Compare with this remote (implies -c).")
    String remote;

    @Option(names = "--verify", description = "With -c: read back and re-hash the objects the remote holds.")
    boolean verify;

    @Option(names = "--check", description = "Exit 1 when anything is out of date (for a pre-merge check).")
    boolean check;

    @Parameters(arity = "0..*", paramLabel = "TARGET",
            description = "Pointer files, tracked paths or dvc.yaml stages (train, dvc.lock:train, sub/dvc.yaml:train).")
    List<String> targets;

    @Override
    public Integer call() {
        List<OutputStatus> statuses;
        List<RemoteStatus> remoteStatuses = List.of();
        List<StageStatus> stages;
        try (DataWorkspace workspace = openWorkspace()) {
            PipelineStatus pipelines = PipelineStatus.read(workspace.root());
            List<String> pointerTargets = pointerTargets(pipelines);
            boolean onlyStages = targets != null && !targets.isEmpty() && pointerTargets.isEmpty();
            statuses = onlyStages ? List.of() : workspace.status(pointerTargets);
            if ((cloud || remote != null) && !onlyStages) {
                remoteStatuses = workspace.remoteStatus(remote, pointerTargets, verify);
            }
            stages = pipelines.check(workspace, targets);
        }
        boolean outOfDate = statuses.stream().anyMatch(s -> !s.isClean())
                || remoteStatuses.stream().anyMatch(r -> !r.inSync())
                || stages.stream().anyMatch(s -> !s.upToDate());
        int exit = check && outOfDate ? ExitCodes.ERROR : ExitCodes.OK;
        if (global().json()) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (OutputStatus status : statuses) {
                rows.add(toJson(status));
            }
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("outputs", rows);
            if (cloud || remote != null) {
                json.put("remote", remoteStatuses.stream().map(DataStatusCommand::toJson).toList());
            }
            Map<String, Object> changedStages = new LinkedHashMap<>();
            stages.stream().filter(stage -> !stage.upToDate())
                    .forEach(stage -> changedStages.put(stage.address(), stage.asDvcJson()));
            json.put("stages", changedStages);
            json.put("upToDate", !outOfDate);
            console().json(json);
            return exit;
        }
        if (statuses.isEmpty() && stages.isEmpty()) {
            console().out().println("no data pointers found (add one with 'mlci data add PATH')");
            return 0;
        }
        for (OutputStatus status : statuses) {
            TrackedOutput tracked = status.tracked();
            StringBuilder line = new StringBuilder();
            line.append(String.format("%-14s %-30s %s", status.workspace().label(tracked.role()),
                    tracked.output().workspacePath() + (tracked.role() == TrackedOutput.Role.DEP ? " (dep)" : ""),
                    tracked.source()));
            if (status.cache() != null) {
                line.append("  cache: ").append(status.cache().name().toLowerCase().replace('_', ' '));
            }
            if (status.commit() != null) {
                line.append("  @").append(status.commit().shortId()).append(' ').append(status.commit().authorTime());
            }
            console().out().println(line);
            printChanges(status.changes());
        }
        long dirty = statuses.stream().filter(s -> !s.isClean()).count();
        if (!statuses.isEmpty()) {
            console().out().println(dirty == 0 ? "workspace matches the pointers"
                    : dirty + " of " + statuses.size() + " tracked paths differ from their pointers");
        }
        for (RemoteStatus status : remoteStatuses) {
            console().out().println(remoteLine(status));
        }
        new StageStatusText(console().out()).print(stages);
        if (check && outOfDate) {
            console().err().println("mlci: error: data is out of date (see above)");
        }
        return exit;
    }

    /**
     * The targets the pointer status takes: all but bare stage names ({@code train},
     * {@code dvc.yaml:train}), which only the stage status reads; {@code dvc.lock:NAME} names
     * both the stage and its lock entry's paths.
     */
    private List<String> pointerTargets(PipelineStatus pipelines) {
        if (targets == null) {
            return List.of();
        }
        return targets.stream().filter(t -> !pipelines.namesStage(t) || t.contains("dvc.lock:")).toList();
    }

    private void printChanges(DirChanges changes) {
        if (changes == null) {
            return;
        }
        console().out().println("    " + changes.summary());
        printPaths("new", changes.added());
        printPaths("modified", changes.modified());
        printPaths("deleted", changes.deleted());
    }

    private void printPaths(String label, List<String> paths) {
        paths.stream().limit(SHOWN_CHANGES).forEach(path -> console().out().println("      " + label + ": " + path));
        if (paths.size() > SHOWN_CHANGES) {
            console().out().println("      ... and " + (paths.size() - SHOWN_CHANGES) + " more " + label + " (--json lists all)");
        }
    }

    private static String remoteLine(RemoteStatus status) {
        String state = status.inSync() ? "in sync" : (status.missing() > 0 ? status.missing() + " of " + status.objects()
                + " objects missing" : "") + (status.missing() > 0 && status.corrupt() > 0 ? ", " : "")
                + (status.corrupt() > 0 ? status.corrupt() + " corrupt (repair: mlci data push --verify)" : "");
        return String.format("remote %-8s %-30s %s%s", status.remote(), status.output().workspacePath(), state,
                status.complete() ? "" : " (listing not in the local cache: only the listing was checked)");
    }

    private static Map<String, Object> toJson(RemoteStatus status) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("path", status.output().workspacePath());
        row.put("remote", status.remote());
        row.put("objects", status.objects());
        row.put("missing", status.missing());
        row.put("corrupt", status.corrupt());
        row.put("complete", status.complete());
        return row;
    }

    private static Map<String, Object> toJson(OutputStatus status) {
        TrackedOutput tracked = status.tracked();
        Output output = tracked.output();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("pointer", tracked.pointer());
        row.put("stage", tracked.stage());
        row.put("role", tracked.role().name().toLowerCase());
        row.put("path", output.workspacePath());
        row.put("md5", output.objectId() == null ? null : output.objectId().value());
        row.put("hash", output.objectId() == null ? null : output.algorithm().dvcName());
        row.put("size", output.size() < 0 ? null : output.size());
        row.put("nfiles", output.nfiles() < 0 ? null : output.nfiles());
        row.put("status", status.workspace().label(tracked.role()));
        row.put("cache", status.cache() == null ? null : status.cache().name().toLowerCase());
        if (status.changes() != null) {
            Map<String, Object> changes = new LinkedHashMap<>();
            changes.put("new", status.changes().added());
            changes.put("modified", status.changes().modified());
            changes.put("deleted", status.changes().deleted());
            row.put("changes", changes);
        }
        CommitInfo commit = status.commit();
        if (commit != null) {
            Map<String, Object> lineage = new LinkedHashMap<>();
            lineage.put("commit", commit.id());
            lineage.put("author", commit.author());
            lineage.put("date", commit.authorTime().toString());
            lineage.put("subject", commit.subject());
            row.put("lineage", lineage);
        } else {
            row.put("lineage", null);
        }
        return row;
    }
}
