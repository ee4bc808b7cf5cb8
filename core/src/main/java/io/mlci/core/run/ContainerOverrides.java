package io.mlci.core.run;

import io.mlci.core.config.GpuRequest;
import io.mlci.core.config.MlciConfig;

import java.util.List;

/**
 * Container settings given on the command line ({@code --image}, {@code --gpus},
 * {@code --docker-args}) in place of mlci.yaml's; null keeps the file's. The docker arguments
 * pass the same allow-list either way.
 */
public record ContainerOverrides(String image, GpuRequest gpus, List<String> dockerArgs) {

    public static final ContainerOverrides NONE = new ContainerOverrides(null, null, null);

    public ContainerOverrides {
        dockerArgs = dockerArgs == null ? null : List.copyOf(dockerArgs);
    }

    /** The configuration with these settings in place of its train section's; NONE returns it as is. */
    public MlciConfig applyTo(MlciConfig config) {
        if (this.equals(NONE)) {
            return config;
        }
        return config.withTrain(config.train().withContainer(image, dockerArgs, gpus));
    }
}
