package io.mlci.jenkins;

import hudson.util.Secret;
import io.mlci.core.registry.ModelRegistry;
import io.mlci.core.registry.RegistryKey;
import io.mlci.core.run.store.RunStore;
import io.mlci.core.run.store.RunStores;
import jenkins.model.Jenkins;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The model registry of the global configuration — its registry URL, else the run store's
 * {@code registry/} — read by the controller for its pages (the models page, fingerprint facets)
 * with the configured key, so events are checked as {@code mlci model history} checks them. The
 * registry is small: a JSON file per version and event.
 */
final class ControllerRegistry {

    private ControllerRegistry() {
    }

    /** @return null when no run store is configured */
    static <T> T read(Function<ModelRegistry, T> query) throws IOException {
        String store = MlciConfiguration.get().getStoreUrl();
        if (store == null) {
            return null;
        }
        Path root = Jenkins.get().getRootDir().toPath();
        Map<String, String> environment = new HashMap<>(StepEnvironment.forController());
        Secret key = MlciConfiguration.get().getRegistryKey();
        if (key != null) {
            environment.put(RegistryKey.VARIABLE, key.getPlainText());
        }
        try (RunStore runs = RunStores.open(store, root, environment);
             ModelRegistry registry = ModelRegistry.open(runs, MlciConfiguration.get().getRegistryUrl(), root, environment)) {
            return query.apply(registry);
        }
    }
}
