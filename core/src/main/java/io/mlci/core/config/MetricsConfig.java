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

    /**
     * True when mlci.yaml names the metrics files; false when the default applies (the parser
     * passes {@link #DEFAULT_FILES} itself then, which {@code List.copyOf} keeps as is).
     */
    public boolean declared() {
        return files != DEFAULT_FILES;
    }
}
