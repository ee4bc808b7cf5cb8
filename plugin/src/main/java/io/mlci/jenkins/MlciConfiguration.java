package io.mlci.jenkins;

import com.cloudbees.jenkins.plugins.awscredentials.AmazonWebServicesCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.security.ACL;
import hudson.util.ListBoxModel;
import jenkins.model.GlobalConfiguration;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;


/**
 * Manage Jenkins → System → mlci, and {@code unclassified: mlci:} in configuration as code.
 * Everything is optional: a repository's own mlci.yaml and .dvc/config still decide where runs
 * and data live; these settings fill what they leave open and carry credentials.
 */
@Extension
@Symbol("mlci")
public class MlciConfiguration extends GlobalConfiguration {

    private String storeUrl;
    private String defaultRemote;
    private String awsCredentialsId;
    private String s3Endpoint;
    private boolean nativeSteps = true;

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
        return storeUrl;
    }

    @DataBoundSetter
    public void setStoreUrl(String storeUrl) {
        this.storeUrl = Util.fixEmptyAndTrim(storeUrl);
        save();
    }

    /** The DVC remote mlData pulls from when the step names none and .dvc/config has no core.remote. */
    public String getDefaultRemote() {
        return defaultRemote;
    }

    @DataBoundSetter
    public void setDefaultRemote(String defaultRemote) {
        this.defaultRemote = Util.fixEmptyAndTrim(defaultRemote);
        save();
    }

    /** An "AWS Credentials" id whose keys reach the store and remotes; empty = the agent's own chain (instance role). */
    public String getAwsCredentialsId() {
        return awsCredentialsId;
    }

    @DataBoundSetter
    public void setAwsCredentialsId(String awsCredentialsId) {
        this.awsCredentialsId = Util.fixEmptyAndTrim(awsCredentialsId);
        save();
    }

    /** The endpoint of an S3-compatible store (MinIO, Ceph) holding the run store. */
    public String getS3Endpoint() {
        return s3Endpoint;
    }

    @DataBoundSetter
    public void setS3Endpoint(String s3Endpoint) {
        this.s3Endpoint = Util.fixEmptyAndTrim(s3Endpoint);
        save();
    }

    /** When on, the shared library's vars call this plugin's steps and agents need no mlci download. */
    public boolean isNativeSteps() {
        return nativeSteps;
    }

    @DataBoundSetter
    public void setNativeSteps(boolean nativeSteps) {
        this.nativeSteps = nativeSteps;
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
