package io.mlci.core.run.docker;

import io.mlci.core.MlciException;
import io.mlci.core.config.GpuRequest;
import io.mlci.core.run.record.GpuInfo;
import io.mlci.core.run.record.GpuUse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Before a training that asks for GPUs starts, runs {@code nvidia-smi} in the training image with
 * the training's own flags: what it sees is what the training would see. None visible fails in
 * seconds, naming the agent and the likely cause, instead of training for hours on the CPU; with
 * {@code train.gpus: optional} the training runs on the CPU with a warning.
 */
public final class GpuCheck {

    static final List<String> QUERY = List.of("--query-gpu=name,memory.total,driver_version", "--format=csv,noheader");
    private static final Pattern CUDA = Pattern.compile("CUDA Version:\\s*([0-9.]+)");
    private static final Duration LIMIT = Duration.ofMinutes(2);

    private final DockerCli docker;
    private final String agent;
    private final Consumer<String> say;

    /**
     * @param agent the Jenkins agent (or host) name, for the message
     */
    public GpuCheck(DockerCli docker, String agent, Consumer<String> say) {
        this.docker = docker;
        this.agent = agent;
        this.say = say;
    }

    /**
     * @param runArgs the {@code docker run} options up to the image, GPU flag included
     * @param image   the image reference the training runs
     */
    public GpuUse check(GpuRequest request, List<String> runArgs, String image) {
        if (request == GpuRequest.NONE) {
            return new GpuUse(request.word(), 0, List.of(), null);
        }
        DockerCli.Result query = docker.run(command(runArgs, image, QUERY), LIMIT);
        List<GpuInfo> found = query.ok() ? parse(query.stdout(), null) : List.of();
        if (found.isEmpty()) {
            String cause = causeOf(query);
            if (request == GpuRequest.REQUIRED) {
                throw new MlciException("no GPU is visible in image " + image + " on agent " + agent + ": " + cause
                        + ". The training was not started. To train on the CPU anyway set train.gpus: optional "
                        + "(or false) in mlci.yaml");
            }
            say.accept("WARNING: no GPU is visible in image " + image + " on agent " + agent + ": " + cause
                    + "; train.gpus is optional, so the training runs on the CPU");
            return new GpuUse(request.word(), 0, List.of(), cause);
        }
        DockerCli.Result summary = docker.run(command(runArgs, image, List.of()), LIMIT);
        Matcher cuda = CUDA.matcher(summary.stdout());
        List<GpuInfo> gpus = parse(query.stdout(), cuda.find() ? cuda.group(1) : null);
        GpuUse use = new GpuUse(request.word(), gpus.size(), gpus, null);
        say.accept("GPUs in the container: " + use.describe());
        return use;
    }

    private static List<String> command(List<String> runArgs, String image, List<String> smiArgs) {
        List<String> command = new ArrayList<>(List.of("run", "--rm"));
        command.addAll(runArgs);
        command.addAll(List.of("--entrypoint", "nvidia-smi", image));
        command.addAll(smiArgs);
        return command;
    }

    /** Lines of {@code name, memory.total, driver_version}. */
    static List<GpuInfo> parse(String csv, String cuda) {
        List<GpuInfo> gpus = new ArrayList<>();
        for (String line : csv.split("\\R")) {
            String[] fields = line.split(",");
            if (fields.length == 3 && !fields[0].isBlank()) {
                gpus.add(new GpuInfo(fields[0].strip(), fields[2].strip(), cuda, fields[1].strip()));
            }
        }
        return gpus;
    }

    /** The likely reason, in the words an administrator can act on. */
    static String causeOf(DockerCli.Result result) {
        String text = (result.stderr() + "\n" + result.stdout()).toLowerCase(Locale.ROOT);
        if (text.contains("could not select device driver")) {
            return "the agent's Docker has no NVIDIA container toolkit (docker run --gpus: " + result.reason() + ")";
        }
        if (text.contains("no devices were found") || result.ok()) {
            return "the agent has no GPU (is train.agent the label of a GPU instance type?)";
        }
        if (text.contains("nvml") || text.contains("driver") || text.contains("nvidia-container-cli")) {
            return "the NVIDIA driver does not work on the agent (wrong AMI or driver not loaded: " + result.reason() + ")";
        }
        if (text.contains("executable file not found") || text.contains("no such file")) {
            return "nvidia-smi is missing in the container: the NVIDIA container toolkit did not add the driver "
                    + "utilities (" + result.reason() + ")";
        }
        return "nvidia-smi failed (exit " + result.exitCode() + ": " + result.reason() + ")";
    }
}
