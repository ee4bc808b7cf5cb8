package io.mlci.core.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlci.core.config.MlciConfig;
import io.mlci.core.data.workspace.DataWorkspace;
import io.mlci.core.metrics.MetricsFiles;
import io.mlci.core.run.TrainOptions;
import io.mlci.core.run.code.GitSnapshot;
import io.mlci.core.run.env.CiContext;
import io.mlci.core.run.params.Params;
import io.mlci.core.run.params.ParamsFiles;
import io.mlci.core.run.record.DataInput;
import io.mlci.core.run.record.GpuUse;
import io.mlci.core.run.record.OutputFile;
import io.mlci.core.run.record.Resources;
import io.mlci.core.run.record.RunEnvironment;
import io.mlci.core.run.record.RunRecord;
import io.mlci.core.run.record.RunStatus;
import io.mlci.core.run.record.SourceInfo;
import io.mlci.core.run.record.StageRun;
import io.mlci.core.run.store.RunStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one run record of a {@code mlci repro}: every stage with its state, duration and hashes;
 * the params the stages track; the pipeline's external inputs as data; every output; and the
 * metrics of the metrics files (mlci.yaml's when it names them, else dvc.yaml's declarations).
 * Its run key is the hash of the stage keys, so two repros that ran the same stages on the same
 * inputs share a key.
 */
final class ReproRecord {

    private final Path root;
    private final MlciConfig config;
    private final Pipelines pipelines;
    private final TrainOptions options;

    ReproRecord(Path root, MlciConfig config, Pipelines pipelines, TrainOptions options) {
        this.root = root;
        this.config = config;
        this.pipelines = pipelines;
        this.options = options;
    }

    /**
     * Where the stages ran: the machine, the digest of the image (null when no stage ran or
     * restored in this repro, or without an image) and the GPUs given to the commands.
     */
    record Execution(RunEnvironment environment, String imageDigest, GpuUse gpus) {
    }

    RunRecord save(String id, Instant started, List<StageRun> stages, List<OutputFile> outputs, RunStore store,
                   DataWorkspace data, Execution execution, Resources resources) {
        boolean failed = stages.stream().anyMatch(stage -> !stage.state().equals(StageRun.RAN)
                && !stage.state().equals(StageRun.RESTORED) && !stage.state().equals(StageRun.UNCHANGED)
                && !stage.state().equals(StageRun.FROZEN));
        Params params = ParamsFiles.load(root, pipelines.paramsFiles().stream()
                .filter(file -> Files.isRegularFile(root.resolve(file))).toList());
        Instant finished = Instant.now();
        RunRecord.Builder record = RunRecord.builder(id, key(stages), source(outputs))
                .status(failed ? RunStatus.FAILED : RunStatus.SUCCEEDED)
                .times(started.toString(), finished.toString(), Duration.between(started, finished).toMillis() / 1000.0)
                .exit(failed ? 1 : 0, 1)
                .execution("mlci repro " + String.join(" ", stages.stream().map(StageRun::stage).toList()),
                        config.train().image(), execution.imageDigest(), execution.environment())
                .gpus(execution.gpus())
                .params(params.values(), params.files())
                .inputs(externalInputs(stages, data), Map.of(), config.train().env())
                .stages(stages)
                .resources(resources);
        if (!failed) {
            record.outputs(outputs).metrics(metrics());
        } else {
            stages.stream().filter(stage -> stage.state().equals(StageRun.FAILED)).findFirst()
                    .ifPresent(stage -> record.message("stage " + stage.stage() + " failed: " + stage.reason()));
        }
        RunRecord done = record.build();
        store.save(done, null);
        options.say().accept("pipeline run " + id + " " + done.status().label() + "; recorded in " + store.describe());
        return done;
    }

    private Map<String, JsonNode> metrics() {
        return MetricsFiles.read(root, PipelineMetrics.files(root, config, pipelines));
    }

    /** Dependencies no stage writes: the data and code the pipeline starts from. */
    private List<DataInput> externalInputs(List<StageRun> stages, DataWorkspace data) {
        Set<String> written = new HashSet<>();
        pipelines.stages().forEach(stage -> written.addAll(stage.outPaths()));
        Map<String, DataInput> inputs = new LinkedHashMap<>();
        for (Stage stage : pipelines.stages()) {
            for (String dep : stage.depPaths()) {
                boolean generated = written.stream().anyMatch(out -> PipelineGraph.overlaps(out, dep));
                if (!generated && !inputs.containsKey(dep) && Files.exists(root.resolve(dep))) {
                    var hashed = data.hash(root.resolve(dep));
                    inputs.put(dep, new DataInput(dep, hashed.hash(), hashed.size(),
                            hashed.isDirectory() ? hashed.nfiles() : 1, stage.dvcFile() + ":" + stage.name()));
                }
            }
        }
        return new ArrayList<>(inputs.values());
    }

    private SourceInfo source(List<OutputFile> outputs) {
        List<String> excluded = new ArrayList<>(outputs.stream().map(OutputFile::path).toList());
        pipelines.files().forEach(file -> excluded.add(file.lockFile()));
        try (GitSnapshot git = GitSnapshot.open(root)) {
            CiContext ci = CiContext.from(options.environment());
            String branch = ci.branch() != null ? ci.branch() : git.branch();
            String repo = git.originUrl() != null ? git.originUrl() : root.getFileName().toString();
            return new SourceInfo(repo, git.commit(), git.isDirty(excluded), branch, ci.targetBranch(), ci.changeId(),
                    ci.buildUrl());
        }
    }

    private static String key(List<StageRun> stages) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (StageRun stage : stages) {
                sha256.update((stage.stage() + "=" + (stage.key() != null ? stage.key() : stage.outs()) + "\n")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            return io.mlci.core.data.hash.Hex.encode(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
