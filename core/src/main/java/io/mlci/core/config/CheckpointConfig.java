package io.mlci.core.config;

import java.time.Duration;

/**
 * A directory the training writes checkpoints into. mlci restores it before training starts and
 * uploads it every {@code interval} while training runs, so a retry on a fresh agent resumes.
 */
public record CheckpointConfig(String path, Duration interval) {

    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(60);
}
