package io.mlci.core.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The {@code train:} section of mlci.yaml.
 *
 * @param command     what to run; null only when the file does not say, which {@code mlci train} refuses
 * @param image       Docker image; null = run as a local process
 * @param agent       Jenkins agent label for the training node
 * @param params      params files; empty = {@code params.yaml} when it exists
 * @param code        paths whose git tree ids enter the run key; default the whole repository
 * @param outputs     files or directories the training must produce (model files)
 * @param checkpoints checkpoint directory to keep on the remote; null = none
 * @param env         environment variables passed to the command; they are part of the run key
 * @param timeout     wall-clock limit per attempt; null = none
 * @param retries     further attempts after a failed one (each resumes from checkpoints)
 * @param dockerArgs  extra {@code docker run} arguments, e.g. {@code --shm-size=16g}
 * @param gpus        whether the container gets GPUs and must see one
 * @param registry    the private registry {@code mlTrain} logs the agent's docker client in to; null = none
 * @param registryCredentialsId the Jenkins credentials for {@link #registry}; null = the agent's own login
 * @param pipeline    {@code dvc} or {@code command}; null = dvc when there is a dvc.yaml and no command
 * @param nodes       how many nodes (ranks) one training spans, each running the command with the
 *                    rendezvous variables of PyTorch's distributed launch; 1 = an ordinary training
 */
public record TrainConfig(TrainingCommand command, String image, String agent, List<String> params, List<String> code,
                          List<String> outputs, CheckpointConfig checkpoints, Map<String, String> env,
                          Duration timeout, int retries, List<String> dockerArgs, GpuRequest gpus, String registry,
                          String registryCredentialsId, String pipeline, int nodes) {

    public static final String PIPELINE_DVC = "dvc";
    public static final String PIPELINE_COMMAND = "command";


    /**
     * Whether this repository trains by running its DVC pipeline: {@code pipeline: dvc}, or no
     * {@code command} and a dvc.yaml in the repository.
     */
    public boolean runsDvcPipeline(boolean hasDvcYaml) {
        return PIPELINE_DVC.equals(pipeline) || pipeline == null && command == null && hasDvcYaml;
    }

    public static final String DEFAULT_AGENT = "gpu";
    /** More ranks than this on one machine is a typo, not a training (each is a process). */
    public static final int MAX_NODES = 64;
    public static final List<String> DEFAULT_CODE = List.of(".");

    public TrainConfig {
        params = List.copyOf(params);
        code = List.copyOf(code);
        outputs = List.copyOf(outputs);
        env = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(env));
        dockerArgs = List.copyOf(dockerArgs);
        gpus = gpus == null ? GpuRequest.REQUIRED : gpus;
        if (nodes < 1 || nodes > MAX_NODES) {
            throw new IllegalArgumentException("nodes must be between 1 and " + MAX_NODES + ", got " + nodes);
        }
    }

    /** The same section with the container settings a caller (the CLI's options) chose instead; null keeps the file's. */
    public TrainConfig withContainer(String newImage, List<String> newDockerArgs, GpuRequest newGpus) {
        return new TrainConfig(command, newImage != null ? newImage : image, agent, params, code, outputs, checkpoints, env,
                timeout, retries, newDockerArgs != null ? newDockerArgs : dockerArgs, newGpus != null ? newGpus : gpus,
                registry, registryCredentialsId, pipeline, nodes);
    }
}
