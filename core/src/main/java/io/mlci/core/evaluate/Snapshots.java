package io.mlci.core.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlci.core.config.MlciConfig;
import io.mlci.core.config.MlciYaml;
import io.mlci.core.metrics.MetricsFiles;
import io.mlci.core.pipeline.PipelineMetrics;
import io.mlci.core.run.params.ParamsFiles;
import io.mlci.core.run.record.RunRecord;
import io.mlci.core.run.store.RunQuery;
import io.mlci.core.run.store.RunStore;
import io.mlci.core.storage.FileTrees;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The metrics or params of one side of a diff: the working tree ({@code workspace}), a recorded
 * run ({@code run:ID}, or an id or unique prefix), or a git revision ({@code HEAD}, a branch, a
 * commit, resolved as {@code git rev-parse} does), whose files are read from git — or, for
 * metrics files git does not have there, from the run store's run of that commit.
 */
public final class Snapshots {

    public static final String WORKSPACE = "workspace";

    private final Path root;
    private final RunStore store;
    private final MlciConfig config;
    private final List<String> metricsFiles;
    private final List<String> paramsFiles;

    public Snapshots(Path root, RunStore store) {
        this.root = root;
        this.store = store;
        this.config = MlciYaml.load(root);
        this.metricsFiles = PipelineMetrics.files(root, config);
        this.paramsFiles = PipelineMetrics.paramsFiles(root, config);
    }

    /**
     * What a side resolved to, for column headings: "workspace", "HEAD (3f46737d12)", "run 2026…",
     * and its values.
     *
     * @param commit  for a git revision, its commit; else null
     * @param missing for a git revision, the files that are not in git there
     */
    public record Side(String label, Map<String, JsonNode> values, String commit, List<String> missing) {

        public Side(String label, Map<String, JsonNode> values) {
            this(label, values, null, List.of());
        }
    }

    public Side metrics(String spec) {
        if (spec.equals(WORKSPACE)) {
            return new Side(WORKSPACE, MetricsFiles.read(root, metricsFiles));
        }
        Optional<RunRecord> run = run(spec);
        if (run.isPresent()) {
            return new Side("run " + run.get().id(), run.get().metrics());
        }
        Side committed = atRevision(spec, metricsFiles, (dir, files) -> MetricsFiles.read(dir, files));
        return committed.missing().isEmpty() ? committed : withRecordedMetrics(committed, params(spec).values());
    }

    /**
     * Metrics files that are outputs (git-ignored, as DVC users keep them) are not in git: their
     * values at a revision are those of the newest run of that commit with outputs in the store,
     * trained from a clean tree with the params committed there (a run of uncommitted changes is
     * not what the commit produces). What git has for the committed files wins.
     */
    private Side withRecordedMetrics(Side committed, Map<String, JsonNode> committedParams) {
        Optional<RunRecord> run = store.records(new RunQuery(null, committed.commit(), null, 0)).stream()
                .filter(record -> record.status().hasOutputs() && !record.source().dirty())
                .filter(record -> record.params().equals(new java.util.TreeMap<>(committedParams))).findFirst();
        if (run.isEmpty()) {
            return committed;
        }
        Map<String, JsonNode> values = new LinkedHashMap<>(run.get().metrics());
        values.putAll(committed.values());
        String label = committed.label().substring(0, committed.label().length() - 1) + ", run " + run.get().id() + ")";
        return new Side(label, values, committed.commit(), List.of());
    }

    public Side params(String spec) {
        if (spec.equals(WORKSPACE)) {
            return new Side(WORKSPACE, ParamsFiles.load(root, paramsFiles).values());
        }
        Optional<RunRecord> run = run(spec);
        if (run.isPresent()) {
            return new Side("run " + run.get().id(), run.get().params());
        }
        List<String> files = paramsFiles.isEmpty() ? List.of(ParamsFiles.DEFAULT_FILE) : paramsFiles;
        return atRevision(spec, files, (dir, present) -> present.isEmpty() ? Map.of() : ParamsFiles.load(dir, present).values());
    }

    private Optional<RunRecord> run(String spec) {
        String id = spec.startsWith("run:") ? spec.substring(4) : spec;
        if (spec.startsWith("run:")) {
            return Optional.of(store.get(id));
        }
        return id.matches("\\d{8}-[0-9a-f-]*") ? store.find(id) : Optional.empty();
    }

    private interface Reader {
        Map<String, JsonNode> read(Path dir, List<String> files);
    }

    /** Writes the files as they are at the revision into a scratch directory and reads them there. */
    private Side atRevision(String ref, List<String> files, Reader reader) {
        Path scratch = null;
        try (GitRevisions git = GitRevisions.open(root)) {
            GitRevisions.Revision revision = git.requireRevision(ref);
            scratch = Files.createTempDirectory("mlci-rev");
            List<String> present = new java.util.ArrayList<>();
            List<String> missing = new java.util.ArrayList<>();
            for (String file : files) {
                Optional<byte[]> content = git.read(revision, file);
                if (content.isPresent()) {
                    Path target = scratch.resolve(file);
                    Files.createDirectories(target.getParent());
                    Files.write(target, content.get());
                    present.add(file);
                } else {
                    missing.add(file);
                }
            }
            Map<String, JsonNode> values = new LinkedHashMap<>(reader.read(scratch, present));
            return new Side(revision.name() + " (" + revision.shortCommit() + ")", values, revision.commit(), missing);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read files at " + ref, e);
        } finally {
            FileTrees.deleteQuietly(scratch);
        }
    }
}
