package io.mlci.jenkins;

import com.cloudbees.jenkins.plugins.awscredentials.AmazonWebServicesCredentials;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.model.Run;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

import java.io.IOException;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * The environment the core sees on the agent: the step's own (BRANCH_NAME, CHANGE_ID, BUILD_URL,
 * ... and MLCI_STORE from {@link MlciEnvironmentContributor}) plus the keys of the configured AWS
 * credentials. The keys travel to the agent as withCredentials would send them and are never logged.
 */
final class StepEnvironment {

    private StepEnvironment() {
    }

    static Map<String, String> of(StepContext context) throws IOException, InterruptedException {
        EnvVars env = context.get(EnvVars.class);
        Map<String, String> values = new HashMap<>(env == null ? Map.of() : env);
        MlciConfiguration config = MlciConfiguration.get();
        if (config.getS3Endpoint() != null) {
            values.putIfAbsent("MLCI_S3_ENDPOINT", config.getS3Endpoint());
        }
        if (config.getAwsCredentialsId() != null) {
            values.putAll(awsKeys(config.getAwsCredentialsId(), context.get(Run.class)));
        }
        return values;
    }

    private static Map<String, String> awsKeys(String id, Run<?, ?> run) throws AbortException {
        AmazonWebServicesCredentials credentials = CredentialsProvider.findCredentialById(id,
                AmazonWebServicesCredentials.class, run, Collections.emptyList());
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
