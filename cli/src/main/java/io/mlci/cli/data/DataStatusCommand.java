package io.mlci.cli.data;

import io.mlci.core.data.lineage.CommitInfo;
import io.mlci.core.data.pointer.Output;
import io.mlci.core.data.pointer.TrackedOutput;
import io.mlci.core.data.workspace.DataWorkspace;
import io.mlci.core.data.workspace.OutputStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Compare the workspace with the committed pointers (.dvc files and dvc.lock).",
                "Outputs are present, changed or missing; dvc.lock dependencies unchanged, changed or missing.",
                "Each line also names the commit that last changed the pointer (data lineage)."},
        footer = {"", "Examples:", "  mlci data status", "  mlci data status data.dvc --json"})
final class DataStatusCommand extends DataVerb {

    @Parameters(arity = "0..*", paramLabel = "TARGET", description = "Pointer files, dvc.lock stages (dvc.lock:NAME) or tracked paths.")
    List<String> targets;

    @Override
    public Integer call() {
        List<OutputStatus> statuses;
        try (DataWorkspace workspace = openWorkspace()) {
            statuses = workspace.status(targets);
        }
        if (global().json()) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (OutputStatus status : statuses) {
                rows.add(toJson(status));
            }
            console().json(Map.of("outputs", rows));
            return 0;
        }
        if (statuses.isEmpty()) {
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
        }
        long dirty = statuses.stream().filter(s -> !s.isClean()).count();
        console().out().println(dirty == 0 ? "workspace matches the pointers"
                : dirty + " of " + statuses.size() + " tracked paths differ from their pointers");
        return 0;
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
