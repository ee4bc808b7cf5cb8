package io.mlci.jenkins;

import hudson.Extension;
import hudson.model.RootAction;
import io.mlci.core.MlciException;
import io.mlci.core.WebLinks;
import io.mlci.core.registry.ModelOverview;
import io.mlci.core.registry.ModelVersion;
import io.mlci.core.registry.RegistryEvent;
import jenkins.model.Jenkins;

import java.io.IOException;
import java.util.List;

/**
 * The "ML models" page at the root of Jenkins: every model in the configured store's registry,
 * its stages, its versions and its promotion history, each linked to the build that made it.
 */
@Extension
public class ModelsRootAction implements RootAction {

    @Override
    public String getIconFileName() {
        return Jenkins.get().hasPermission(Jenkins.READ) ? "/plugin/mlci/images/mlci.svg" : null;
    }

    @Override
    public String getDisplayName() {
        return Messages.ModelsRootAction_DisplayName();
    }

    @Override
    public String getUrlName() {
        return "ml-models";
    }

    /** Read when the page renders; the registry is small (a JSON file per version and per event). */
    public Registry getRegistry() {
        Jenkins.get().checkPermission(Jenkins.READ);
        try {
            Registry registry = ControllerRegistry.read(models -> new Registry(models.describe(), models.overview(), null));
            return registry != null ? registry : new Registry(null, List.of(), Messages.ModelsRootAction_NoStore());
        } catch (MlciException | IOException e) {
            return new Registry(MlciConfiguration.get().getStoreUrl(), List.of(), e.getMessage());
        }
    }

    /**
     * The build a version came from, when its URL is http(s), else null: a registry record is
     * data, and a {@code javascript:} link on this page would run in the reader's session.
     */
    public String versionLink(ModelVersion version) {
        return WebLinks.safe(version.buildUrl());
    }

    /** The build an event came from, when its URL is http(s), else null. */
    public String eventLink(RegistryEvent event) {
        return WebLinks.safe(event.buildUrl());
    }

    /** @param problem why the registry could not be read; null when it was */
    public record Registry(String store, List<ModelOverview> models, String problem) {
    }
}
