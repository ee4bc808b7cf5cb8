package io.mlci.core.run.record;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One training, as it happened. Written once when the training ends and never changed; facts
 * learnt later (the gate's verdict, a promotion) are separate records that name this one's id.
 *
 * @param schema       record format version
 * @param id           time-ordered unique id, see {@link RunIds}
 * @param status       how it ended
 * @param runKey       hash of the inputs that determine the result
 * @param reusedFrom   for a {@link RunStatus#REUSED} run, the run whose outputs were restored
 * @param startedAt    ISO-8601 instant
 * @param finishedAt   ISO-8601 instant
 * @param durationSeconds wall-clock time of the training (for a reused run: of the original)
 * @param exitCode     the command's exit status of the last attempt; null if it never ran
 * @param attempts     how many times the command was started
 * @param source       repository, commit and CI context
 * @param command      the command line
 * @param image        the Docker image as configured; null for a local process
 * @param imageDigest  the image's content digest at run time; null for a local process
 * @param environment  machine, GPUs and tool versions
 * @param params       flattened params
 * @param paramsFiles  the params files read
 * @param data         tracked data read
 * @param code         declared code path -> git content id
 * @param env          declared environment variables
 * @param outputs      files produced (empty unless the status has outputs)
 * @param metrics      flattened metrics read from the metrics files
 * @param message      why the run failed, or a note; null when there is nothing to say
 * @param failure      for a failed run: the reason, and outputs that were kept locally; null otherwise
 *                     (and in records written before failures had reasons)
 * @param completes    for a run recorded by {@code mlci runs push}: the failed run whose outputs it
 *                     uploaded; null otherwise
 * @param resources    phases, attempts, machine, hours and cost; null in records written before it existed
 * @param stages       for a pipeline run ({@code mlci repro}): every stage with its state, duration
 *                     and hashes; empty for a single training
 * @param gpus         the GPUs a containerised training saw (checked in its image before it started);
 *                     null for a local process and in records written before mlci checked them
 * @param nodes        for a training spanning several nodes ({@code train.nodes}): each rank's outcome in the
 *                     last attempt, with the tail of its output; null for a training of one process and in
 *                     records written before it existed
 * @param orphaned     for a run its own mlci never recorded (it was killed) and a later run recorded as
 *                     killed: who ran it and when it was last seen; null otherwise and in records
 *                     written before it existed
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record RunRecord(int schema, String id, RunStatus status, String runKey, String reusedFrom,
                        String startedAt, String finishedAt, double durationSeconds, Integer exitCode, int attempts,
                        SourceInfo source, String command, String image, String imageDigest,
                        RunEnvironment environment, Map<String, JsonNode> params, List<String> paramsFiles,
                        List<DataInput> data, Map<String, String> code, Map<String, String> env,
                        List<OutputFile> outputs, Map<String, JsonNode> metrics, String message,
                        RunFailure failure, String completes, Resources resources, List<StageRun> stages,
                        GpuUse gpus, List<NodeRun> nodes, Orphaned orphaned) {

    public static final int SCHEMA = 1;

    public RunRecord {
        if (id == null || status == null || runKey == null || source == null) {
            throw new IllegalArgumentException("a run record needs an id, a status, a run key and a source");
        }
        if (!status.hasOutputs() && outputs != null && !outputs.isEmpty()) {
            throw new IllegalArgumentException("a " + status.label() + " run publishes no outputs");
        }
        if (failure != null && status != RunStatus.FAILED) {
            throw new IllegalArgumentException("only a failed run has a failure reason");
        }
        if ((status == RunStatus.REUSED) != (reusedFrom != null)) {
            throw new IllegalArgumentException("reusedFrom is set exactly for reused runs");
        }
        params = sorted(params);
        paramsFiles = paramsFiles == null ? List.of() : List.copyOf(paramsFiles);
        data = data == null ? List.of() : List.copyOf(data);
        code = sorted(code);
        env = sorted(env);
        outputs = outputs == null ? List.of() : List.copyOf(outputs);
        metrics = sorted(metrics);
        stages = stages == null ? List.of() : List.copyOf(stages);
        nodes = nodes == null ? null : List.copyOf(nodes);
    }

    /**
     * This run as found by a later run after its mlci stopped without recording it: killed, ended
     * when last seen, with what was used until then.
     */
    public RunRecord asOrphaned(Orphaned found, String message, Resources used) {
        double seconds = durationSeconds;
        try {
            seconds = Math.max(0, java.time.Duration.between(java.time.Instant.parse(startedAt),
                    java.time.Instant.parse(found.lastSeenAt())).toMillis() / 1000.0);
        } catch (RuntimeException e) {
            // a start time that does not parse keeps the duration it had
        }
        return new RunRecord(schema, id, RunStatus.KILLED, runKey, null, startedAt, found.lastSeenAt(), seconds, null,
                attempts, source, command, image, imageDigest, environment, params, paramsFiles, data, code, env,
                List.of(), Map.of(), message, null, null, used, stages, gpus, nodes, found);
    }

    private static <V> Map<String, V> sorted(Map<String, V> map) {
        return map == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(map));
    }

    public static Builder builder(String id, String runKey, SourceInfo source) {
        return new Builder(id, runKey, source);
    }

    /** Collects a record's parts while a training runs; {@link #build()} validates them. */
    public static final class Builder {
        private final String id;
        private final String runKey;
        private final SourceInfo source;
        private RunStatus status;
        private String reusedFrom;
        private String startedAt;
        private String finishedAt;
        private double durationSeconds;
        private Integer exitCode;
        private int attempts;
        private String command;
        private String image;
        private String imageDigest;
        private RunEnvironment environment;
        private Map<String, JsonNode> params;
        private List<String> paramsFiles;
        private List<DataInput> data;
        private Map<String, String> code;
        private Map<String, String> env;
        private List<OutputFile> outputs;
        private Map<String, JsonNode> metrics;
        private String message;
        private RunFailure failure;
        private String completes;
        private Resources resources;
        private List<StageRun> stages;
        private GpuUse gpus;
        private List<NodeRun> nodes;

        private Builder(String id, String runKey, SourceInfo source) {
            this.id = id;
            this.runKey = runKey;
            this.source = source;
        }

        public Builder status(RunStatus value) {
            this.status = value;
            return this;
        }

        public Builder reusedFrom(String runId) {
            this.reusedFrom = runId;
            return this;
        }

        public Builder times(String started, String finished, double seconds) {
            this.startedAt = started;
            this.finishedAt = finished;
            this.durationSeconds = seconds;
            return this;
        }

        public Builder exit(Integer code, int attemptCount) {
            this.exitCode = code;
            this.attempts = attemptCount;
            return this;
        }

        public Builder execution(String commandLine, String imageName, String digest, RunEnvironment machine) {
            this.command = commandLine;
            this.image = imageName;
            this.imageDigest = digest;
            this.environment = machine;
            return this;
        }

        public Builder params(Map<String, JsonNode> values, List<String> files) {
            this.params = values;
            this.paramsFiles = files;
            return this;
        }

        public Builder inputs(List<DataInput> dataInputs, Map<String, String> codeIds, Map<String, String> declaredEnv) {
            this.data = dataInputs;
            this.code = codeIds;
            this.env = declaredEnv;
            return this;
        }

        public Builder outputs(List<OutputFile> files) {
            this.outputs = files;
            return this;
        }

        public Builder metrics(Map<String, JsonNode> values) {
            this.metrics = values;
            return this;
        }

        /** The GPUs the training saw in its container; null when not checked. */
        public Builder gpus(GpuUse seen) {
            this.gpus = seen;
            return this;
        }

        /** Each node of a training spanning several; null for one process. */
        public Builder nodes(List<NodeRun> ranks) {
            this.nodes = ranks;
            return this;
        }

        public Builder message(String text) {
            this.message = text;
            return this;
        }

        public Builder failure(RunFailure why) {
            this.failure = why;
            return this;
        }

        public Builder completes(String failedRunId) {
            this.completes = failedRunId;
            return this;
        }

        public Builder resources(Resources used) {
            this.resources = used;
            return this;
        }

        public Builder stages(List<StageRun> pipelineStages) {
            this.stages = pipelineStages;
            return this;
        }

        public RunRecord build() {
            return new RunRecord(SCHEMA, id, status, runKey, reusedFrom, startedAt, finishedAt, durationSeconds,
                    exitCode, attempts, source, command, image, imageDigest, environment, params, paramsFiles, data,
                    code, env, outputs, metrics, message, failure, completes, resources, stages, gpus, nodes, null);
        }
    }
}
