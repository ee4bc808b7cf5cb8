package io.mlci.core.data.pointer;

import java.nio.file.Path;
import java.util.Map;

/**
 * A remote named in {@code .dvc/config}: its URL and options ({@code endpointurl}, {@code region},
 * {@code profile}, credentials from {@code config.local}, {@code jobs}, ...).
 *
 * @param baseDir directory a relative local URL is resolved against (the config file's directory)
 */
public record RemoteConfig(String name, String url, Map<String, String> options, Path baseDir) {

    public RemoteConfig {
        options = Map.copyOf(options);
    }

    public String option(String key) {
        return options.get(key);
    }
}
