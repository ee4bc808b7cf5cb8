package io.mlci.core.config;

import java.util.List;

/**
 * @param files       metrics files the training writes (JSON or YAML), flattened with '.'
 * @param predictions optional per-example predictions file, for significance tests
 */
public record MetricsConfig(List<String> files, String predictions) {

    public static final List<String> DEFAULT_FILES = List.of("metrics.json");

    public MetricsConfig {
        files = List.copyOf(files);
    }
}
