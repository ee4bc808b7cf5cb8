package io.mlci.core.ci;

import io.mlci.core.data.pointer.TrackedOutput;
import io.mlci.core.data.workspace.DataOptions;
import io.mlci.core.data.workspace.DataWorkspace;
import io.mlci.core.data.workspace.OutputStatus;
import io.mlci.core.data.workspace.PullResult;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A CI build's data step: fetch exactly the versions the committed pointers name (every object
 * verified on the way into the cache), place them in the workspace, and say which versions those
 * were. Returns JSON-ready values, so the result can cross from a build agent to the CI server.
 *
 * @param transferred objects fetched from the remote
 * @param cached      objects that were already in the cache
 * @param complete    every output is in the workspace as its pointer says
 * @param versions    the outputs the pointers name (lock dependencies left out: they are inputs
 *                    of stages, not data this build fetched)
 */
public record DataFetch(long transferred, long bytes, long cached, long placed, String linkType, boolean complete,
                        List<DataVersion> versions) {

    public DataFetch {
        versions = List.copyOf(versions);
    }

    /**
     * @param remote   the remote's name; null = core.remote of .dvc/config
     * @param fallback the remote when neither names one (a CI server's default); may be null
     * @param targets  pointer files, stages or tracked paths; empty = all
     */
    public static DataFetch pull(Path root, DataOptions options, String remote, String fallback, List<String> targets) {
        try (DataWorkspace workspace = DataWorkspace.open(root, options)) {
            String chosen = remote != null || workspace.defaultRemoteName().isPresent() ? remote : fallback;
            PullResult pulled = workspace.pull(chosen, targets, false);
            List<OutputStatus> outputs = workspace.status(targets).stream()
                    .filter(status -> status.tracked().role() == TrackedOutput.Role.OUT).toList();
            return new DataFetch(pulled.transfer().transferred(), pulled.transfer().bytes(),
                    pulled.transfer().alreadyPresent(), pulled.placed(),
                    pulled.linkType() == null ? null : pulled.linkType().name().toLowerCase(),
                    outputs.stream().allMatch(OutputStatus::isClean), outputs.stream().map(DataVersion::of).toList());
        }
    }

    /**
     * What a pipeline's data step returns: pointer (with ":stage" for dvc.lock outputs) → path,
     * hash, commit, date and status — the same map the shared library's mlData returns.
     */
    public Map<String, Map<String, Object>> lineage() {
        Map<String, Map<String, Object>> lineage = new LinkedHashMap<>();
        for (DataVersion version : versions) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("path", version.path());
            entry.put("hash", version.hash());
            entry.put("commit", version.commit());
            entry.put("date", version.date());
            entry.put("status", version.status());
            lineage.put(version.stage() == null ? version.pointer() : version.pointer() + ":" + version.stage(), entry);
        }
        return lineage;
    }

    /** For a build log: one line per version with the commit that pinned it. */
    public String describe() {
        if (versions.isEmpty()) {
            return "no data pointers in this repository";
        }
        StringBuilder text = new StringBuilder("data versions (" + transferred + " objects fetched, " + cached
                + " already cached):");
        for (DataVersion version : versions) {
            text.append("\n  ").append(version.path()).append("  ").append(version.hash()).append("  via ")
                    .append(version.stage() == null ? version.pointer() : version.pointer() + ":" + version.stage())
                    .append(version.commit() == null ? " (uncommitted)"
                            : " @ " + version.commit().substring(0, Math.min(10, version.commit().length())) + " (" + version.date() + ")");
        }
        return text.toString();
    }

    public String toJson() {
        return CiJson.write(this);
    }

    /** @param source where the JSON came from, for the message when it is not a summary */
    public static DataFetch fromJson(String json, String source) {
        return CiJson.read(json, DataFetch.class, source);
    }
}
