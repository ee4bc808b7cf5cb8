package io.mlci.jenkins;

import com.cloudbees.jenkins.plugins.awscredentials.AmazonWebServicesCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.security.ACL;
import hudson.util.ListBoxModel;
import hudson.util.Secret;
import io.mlci.core.ci.CiSettings;
import jenkins.model.GlobalConfiguration;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;


/**
 * Manage Jenkins → System → mlci, and {@code unclassified: mlci:} in configuration as code.
 * Everything is optional: a repository's own mlci.yaml and .dvc/config still decide where runs
 * and data live; these settings fill what they leave open and carry credentials. The values live
 * in the core's {@link CiSettings}, whose XStream round trip is tested without Jenkins.
 */
@Extension
@Symbol("mlci")
public class MlciConfiguration extends GlobalConfiguration {

    /** All this configuration keeps in its XML file: strings and a flag (see {@link CiSettings}). */
    private CiSettings settings = CiSettings.DEFAULTS;
    /**
     * The registry's HMAC key (MLCI_REGISTRY_KEY), for checking events on the models page only:
     * it is never handed to builds, which must not be able to sign registry events.
     */
    private Secret registryKey;

    public MlciConfiguration() {
        load();
    }

    @NonNull
    @Override
    public String getDisplayName() {
        return Messages.MlciConfiguration_DisplayName();
    }

    public static MlciConfiguration get() {
        return GlobalConfiguration.all().getInstance(MlciConfiguration.class);
    }

    /** Where runs, facts and the model registry live when mlci.yaml names no store, e.g. s3://ml-ci/runs. */
    public String getStoreUrl() {
        return settings.storeUrl();
    }

    @DataBoundSetter
    public void setStoreUrl(String storeUrl) {
        settings = settings.withStoreUrl(storeUrl);
        save();
    }

    /** The DVC remote mlData pulls from when the step names none and .dvc/config has no core.remote. */
    public String getDefaultRemote() {
        return settings.defaultRemote();
    }

    @DataBoundSetter
    public void setDefaultRemote(String defaultRemote) {
        settings = settings.withDefaultRemote(defaultRemote);
        save();
    }

    /** An "AWS Credentials" id whose keys reach the store and remotes; empty = the agent's own chain (instance role). */
    public String getAwsCredentialsId() {
        return settings.awsCredentialsId();
    }

    @DataBoundSetter
    public void setAwsCredentialsId(String awsCredentialsId) {
        settings = settings.withAwsCredentialsId(awsCredentialsId);
        save();
    }

    /** The endpoint of an S3-compatible store (MinIO, Ceph) holding the run store. */
    public String getS3Endpoint() {
        return settings.s3Endpoint();
    }

    @DataBoundSetter
    public void setS3Endpoint(String s3Endpoint) {
        settings = settings.withS3Endpoint(s3Endpoint);
        save();
    }

    /** When on, the shared library's vars call this plugin's steps and agents need no mlci download. */
    public boolean isNativeSteps() {
        return settings.nativeSteps();
    }

    @DataBoundSetter
    public void setNativeSteps(boolean nativeSteps) {
        settings = settings.withNativeSteps(nativeSteps);
        save();
    }

    /**
     * docker run options repositories may ask for in train.dockerArgs beyond mlci's allow-list,
     * e.g. {@code --volume=/datasets:/datasets:ro}; builds see them as MLCI_TRUSTED_DOCKER_ARGS.
     */
    public String getTrustedDockerArgs() {
        return settings.trustedDockerArgs();
    }

    @DataBoundSetter
    public void setTrustedDockerArgs(String trustedDockerArgs) {
        settings = settings.withTrustedDockerArgs(trustedDockerArgs);
        save();
    }

    /** The model registry's own location (mlci.yaml's registry.url); empty = the store's registry/ prefix. */
    public String getRegistryUrl() {
        return settings.registryUrl();
    }

    @DataBoundSetter
    public void setRegistryUrl(String registryUrl) {
        settings = settings.withRegistryUrl(registryUrl);
        save();
    }

    public Secret getRegistryKey() {
        return registryKey;
    }

    @DataBoundSetter
    public void setRegistryKey(Secret registryKey) {
        this.registryKey = registryKey == null || registryKey.getPlainText().isBlank() ? null : registryKey;
        save();
    }

    @POST
    public ListBoxModel doFillAwsCredentialsIdItems(@QueryParameter String awsCredentialsId) {
        if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
            return new StandardListBoxModel().includeCurrentValue(awsCredentialsId);
        }
        return new StandardListBoxModel().includeEmptyValue()
                .includeAs(ACL.SYSTEM2, Jenkins.get(), AmazonWebServicesCredentials.class)
                .includeCurrentValue(awsCredentialsId);
    }
}
