package io.mlci.core.run.record;

import java.util.List;
import java.util.Map;

/**
 * The machine a run trained on.
 *
 * @param host         host name
 * @param agent        Jenkins agent name ({@code NODE_NAME}), else null
 * @param instanceType EC2 instance type from the instance metadata service, else null
 * @param os           operating system and architecture
 * @param cpus         available processors
 * @param gpus         GPUs found by nvidia-smi; empty without one
 * @param tools        tool name -> version (mlci, java, python, docker, ...)
 */
public record RunEnvironment(String host, String agent, String instanceType, String os, int cpus, List<GpuInfo> gpus,
                             Map<String, String> tools) {

    public RunEnvironment {
        gpus = gpus == null ? List.of() : List.copyOf(gpus);
        tools = tools == null ? Map.of() : new java.util.TreeMap<>(tools);
    }
}
