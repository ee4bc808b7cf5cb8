package io.mlci.core.config;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code train.gpus}: whether the container gets the agent's GPUs, and what happens when none is
 * visible. A wrong agent label or an AMI without the NVIDIA container toolkit would otherwise
 * train for hours on the CPU, so requested GPUs are checked before the training starts.
 */
public enum GpuRequest {
    /** {@code true} (the default): GPUs are needed; none visible fails the training before it starts. */
    REQUIRED("true"),
    /** {@code optional}: GPUs when the agent has them, else the CPU with a warning. */
    OPTIONAL("optional"),
    /** {@code false}: the container gets no GPU and nothing is checked. */
    NONE("false");

    /** The words mlci.yaml and {@code --gpus} accept, in the order messages list them. */
    public static final List<String> WORDS = List.of("true", "optional", "false", "required", "none");

    private final String word;

    GpuRequest(String word) {
        this.word = word;
    }

    /** How mlci.yaml writes it. */
    public String word() {
        return word;
    }

    public static Optional<GpuRequest> parse(String text) {
        return switch (text == null ? "" : text.trim().toLowerCase(Locale.ROOT)) {
            case "true", "required", "yes" -> Optional.of(REQUIRED);
            case "optional" -> Optional.of(OPTIONAL);
            case "false", "none", "no" -> Optional.of(NONE);
            default -> Optional.empty();
        };
    }
}
