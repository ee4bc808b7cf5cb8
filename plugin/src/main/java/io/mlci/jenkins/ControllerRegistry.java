package io.mlci.jenkins;

import io.mlci.core.registry.ModelRegistry;
import io.mlci.core.run.store.RunStore;
import io.mlci.core.run.store.RunStores;
import jenkins.model.Jenkins;

import java.io.IOException;
import java.util.function.Function;

/**
 * The model registry of the globally configured run store, read by the controller for its pages
 * (the models page, fingerprint facets). The registry is small: a JSON file per version and event.
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
        try (RunStore runs = RunStores.open(store, Jenkins.get().getRootDir().toPath(), StepEnvironment.forController())) {
            return query.apply(new ModelRegistry(runs));
        }
    }
}
