package io.mlci.core.run.docker;

import io.mlci.core.config.GpuRequest;

import java.util.List;

/**
 * What a training container is made of, checked: the image, the docker arguments the allow-list
 * passed, the GPUs asked for, and who owns it.
 *
 * @param image      the image as configured
 * @param dockerArgs extra {@code docker run} arguments, already checked by {@link DockerArgsPolicy}
 * @param gpus       whether GPUs are passed and checked
 * @param owner      the build, agent and mlci process, written into the labels
 */
public record ContainerSpec(String image, List<String> dockerArgs, GpuRequest gpus, ContainerOwner owner) {

    public ContainerSpec {
        dockerArgs = List.copyOf(dockerArgs);
    }
}
