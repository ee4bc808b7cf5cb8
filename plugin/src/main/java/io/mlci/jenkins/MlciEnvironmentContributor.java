package io.mlci.jenkins;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Extension;
import hudson.model.EnvironmentContributor;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.mlci.core.evaluate.EvaluationOptions;
import io.mlci.core.run.docker.DockerArgsPolicy;
import io.mlci.core.run.store.RunStores;
import jenkins.model.Jenkins;
import jenkins.scm.api.SCMRevisionAction;
import jenkins.scm.api.mixin.ChangeRequestSCMRevision;

/**
 * Tells every build what the administrator configured: {@code MLCI_STORE} (so mlTrain's CLI and
 * the native steps share one run store), {@code MLCI_TRUSTED_DOCKER_ARGS} (docker flags
 * repositories may ask for beyond mlci's allow-list) and {@code MLCI_PLUGIN} (the plugin's version, when native
 * steps are on — the shared library's vars then call them instead of the CLI), and for a pull
 * request {@code MLCI_TARGET_COMMIT}, its target commit pinned from the SCM revision.
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
        String target = pinnedTarget(r);
        if (target != null) {
            envs.put(EvaluationOptions.TARGET_COMMIT_VARIABLE, target);
        }
        if (config.getTrustedDockerArgs() != null) {
            // added to what a Jenkins global property may already trust
            String already = envs.get(DockerArgsPolicy.TRUSTED_VARIABLE);
            envs.put(DockerArgsPolicy.TRUSTED_VARIABLE, already == null || already.isBlank()
                    ? config.getTrustedDockerArgs() : already + " " + config.getTrustedDockerArgs());
        }
        if (config.isNativeSteps()) {
            var plugin = Jenkins.get().getPluginManager().getPlugin("mlci");
            envs.put(PLUGIN_VARIABLE, plugin == null ? "unknown" : plugin.getVersion());
        }
    }

    /**
     * A pull request's target commit as Jenkins resolved it when it scheduled the build, before
     * any of the pull request's code ran: the gate reads the rules and the baseline at it. Git
     * revisions print as their full commit id; anything else is not pinned here.
     */
    static String pinnedTarget(Run<?, ?> run) {
        SCMRevisionAction action = run.getAction(SCMRevisionAction.class);
        if (action != null && action.getRevision() instanceof ChangeRequestSCMRevision<?> change) {
            String target = String.valueOf(change.getTarget());
            return target.matches("[0-9a-f]{40}") ? target : null;
        }
        return null;
    }
}
