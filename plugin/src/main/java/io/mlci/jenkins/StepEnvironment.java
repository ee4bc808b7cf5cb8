package io.mlci.jenkins;

import com.cloudbees.jenkins.plugins.awscredentials.AmazonWebServicesCredentials;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.security.ACL;
import io.mlci.core.run.store.RunStores;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

import java.io.IOException;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The environment the core sees on the agent: the step's own (BRANCH_NAME, CHANGE_ID, BUILD_URL,
 * ... and MLCI_STORE from {@link MlciEnvironmentContributor}) plus the keys of the configured AWS
 * credentials. The keys travel to the agent as withCredentials would send them and are never logged.
 */
final class StepEnvironment {

    private StepEnvironment() {
    }

    /** What a step that works in an agent's workspace needs from the pipeline (these steps declare it). */
    static Set<? extends Class<?>> agentContext() {
        return Set.of(FilePath.class, Run.class, TaskListener.class, EnvVars.class);
    }

    /** The step's environment already carries MLCI_STORE and MLCI_S3_ENDPOINT from {@link MlciEnvironmentContributor}. */
    static Map<String, String> of(StepContext context) throws IOException, InterruptedException {
        EnvVars env = context.get(EnvVars.class);
        Map<String, String> values = new HashMap<>(env == null ? Map.of() : env);
        String id = MlciConfiguration.get().getAwsCredentialsId();
        if (id != null) {
            values.putAll(keys(id, CredentialsProvider.findCredentialById(id, AmazonWebServicesCredentials.class,
                    context.get(Run.class), Collections.emptyList())));
        }
        return values;
    }

    /** For pages the controller renders from the run store (the models page): global credentials only. */
    static Map<String, String> forController() throws AbortException {
        MlciConfiguration config = MlciConfiguration.get();
        Map<String, String> values = new HashMap<>();
        if (config.getS3Endpoint() != null) {
            values.put(RunStores.ENDPOINT_VARIABLE, config.getS3Endpoint());
        }
        String id = config.getAwsCredentialsId();
        if (id != null) {
            values.putAll(keys(id, CredentialsMatchers.firstOrNull(CredentialsProvider.lookupCredentialsInItemGroup(
                    AmazonWebServicesCredentials.class, Jenkins.get(), ACL.SYSTEM2, Collections.emptyList()),
                    CredentialsMatchers.withId(id))));
        }
        return values;
    }

    private static Map<String, String> keys(String id, AmazonWebServicesCredentials credentials) throws AbortException {
        if (credentials == null) {
            throw new AbortException(Messages.StepEnvironment_CredentialsMissing(id));
        }
        AwsCredentials keys = credentials.resolveCredentials();
        Map<String, String> values = new HashMap<>();
        values.put("AWS_ACCESS_KEY_ID", keys.accessKeyId());
        values.put("AWS_SECRET_ACCESS_KEY", keys.secretAccessKey());
        if (keys instanceof AwsSessionCredentials session) {
            values.put("AWS_SESSION_TOKEN", session.sessionToken());
        }
        return values;
    }
}
