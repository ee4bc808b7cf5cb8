package io.mlci.jenkins;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Extension;
import hudson.model.EnvironmentContributor;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.mlci.core.run.store.RunStores;
import jenkins.model.Jenkins;

/**
 * Tells every build what the administrator configured: {@code MLCI_STORE} (so mlTrain's CLI and
 * the native steps share one run store) and {@code MLCI_PLUGIN} (the plugin's version, when native
 * steps are on — the shared library's vars then call them instead of the CLI).
 */
@Extension
public class MlciEnvironmentContributor extends EnvironmentContributor {

    static final String PLUGIN_VARIABLE = "MLCI_PLUGIN";

    @Override
    public void buildEnvironmentFor(@NonNull Run r, @NonNull EnvVars envs, @NonNull TaskListener listener) {
        MlciConfiguration config = MlciConfiguration.get();
        if (config.getStoreUrl() != null) {
            envs.putIfAbsent(RunStores.STORE_VARIABLE, config.getStoreUrl());
        }
        if (config.getS3Endpoint() != null) {
            envs.putIfAbsent(RunStores.ENDPOINT_VARIABLE, config.getS3Endpoint());
        }
        if (config.isNativeSteps()) {
            var plugin = Jenkins.get().getPluginManager().getPlugin("mlci");
            envs.put(PLUGIN_VARIABLE, plugin == null ? "unknown" : plugin.getVersion());
        }
    }
}
