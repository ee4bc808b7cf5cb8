package io.mlci.core.run.env;

import io.mlci.core.run.exec.CommandOutput;
import io.mlci.core.run.record.GpuInfo;
import io.mlci.core.run.record.RunEnvironment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Describes the machine a training runs on: host, Jenkins agent, EC2 instance type, GPUs and
 * tool versions. Everything is best effort; a missing tool is simply not listed.
 */
public final class EnvironmentProbe {

    /** Overrides the nvidia-smi binary (for machines where it is not on PATH). */
    public static final String NVIDIA_SMI_VARIABLE = "MLCI_NVIDIA_SMI";
    /** {@code true} asks the instance metadata service off a Jenkins agent too. */
    public static final String EC2_METADATA_VARIABLE = "MLCI_EC2_METADATA";

    private static final Duration LIMIT = Duration.ofSeconds(10);
    private static final Pattern CUDA = Pattern.compile("CUDA Version:\\s*([0-9.]+)");

    private final Map<String, String> env;
    private final String mlciVersion;
    private Optional<Ec2Instance> instance;

    public EnvironmentProbe(Map<String, String> env, String mlciVersion) {
        this.env = env;
        this.mlciVersion = mlciVersion;
    }

    public RunEnvironment probe(boolean withDocker) {
        String agent = env.get("NODE_NAME");
        return new RunEnvironment(host(), agent, instance().map(Ec2Instance::describe).orElse(null),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(), gpus(), tools(withDocker));
    }

    /**
     * The EC2 instance, asked once per probe. Only asked on a Jenkins agent (or when
     * {@code MLCI_EC2_METADATA=true}): elsewhere the query would only cost time.
     */
    public Optional<Ec2Instance> instance() {
        if (instance == null) {
            instance = queryInstance(env.get("NODE_NAME"));
        }
        return instance;
    }

    private Optional<Ec2Instance> queryInstance(String agent) {
        boolean onAgent = agent != null && !agent.isBlank() && !agent.equals("built-in") && !agent.equals("master");
        if (!onAgent && !"true".equalsIgnoreCase(env.get(EC2_METADATA_VARIABLE))) {
            return Optional.empty();
        }
        return Ec2Metadata.from(env).flatMap(Ec2Metadata::instance);
    }

    private String host() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
        } catch (IOException e) {
            return env.getOrDefault("HOSTNAME", env.getOrDefault("COMPUTERNAME", "unknown"));
        }
    }

    /** {@code nvidia-smi -L}: one line per GPU; empty when there is none (or no driver). */
    public static Optional<String> listGpus(Map<String, String> env) {
        return CommandOutput.ifSucceeds(List.of(nvidiaSmi(env), "-L"), LIMIT).filter(list -> !list.isBlank());
    }

    private static String nvidiaSmi(Map<String, String> env) {
        return env.getOrDefault(NVIDIA_SMI_VARIABLE, "nvidia-smi");
    }

    List<GpuInfo> gpus() {
        String smi = nvidiaSmi(env);
        Optional<String> table = CommandOutput.ifSucceeds(List.of(smi,
                "--query-gpu=name,driver_version,memory.total", "--format=csv,noheader"), LIMIT);
        if (table.isEmpty() || table.get().isBlank()) {
            return List.of();
        }
        String cuda = CommandOutput.ifSucceeds(List.of(smi), LIMIT).map(CUDA::matcher)
                .filter(Matcher::find).map(m -> m.group(1)).orElse(null);
        List<GpuInfo> gpus = new ArrayList<>();
        for (String line : table.get().split("\\R")) {
            String[] fields = line.split(",\\s*");
            if (fields.length >= 2) {
                gpus.add(new GpuInfo(fields[0].trim(), fields[1].trim(), cuda, fields.length > 2 ? fields[2].trim() : null));
            }
        }
        return gpus;
    }

    private Map<String, String> tools(boolean withDocker) {
        Map<String, String> tools = new LinkedHashMap<>();
        tools.put("mlci", mlciVersion);
        tools.put("java", System.getProperty("java.version"));
        CommandOutput.ifSucceeds(List.of("python3", "--version"), LIMIT)
                .ifPresent(version -> tools.put("python", version.replaceFirst("^Python\\s+", "")));
        if (withDocker) {
            CommandOutput.ifSucceeds(List.of("docker", "version", "--format", "{{.Client.Version}}"), LIMIT)
                    .ifPresent(version -> tools.put("docker", version));
        }
        return tools;
    }
}
