package io.mlci.core.ci;

import java.util.Objects;

/**
 * A CI server's global mlci settings: what a repository's own mlci.yaml and .dvc/config leave
 * open. Every value is optional; blank means unset (null), so a cleared form field and an absent
 * configuration-as-code key mean the same. The server persists it as it is (Jenkins: XStream), so
 * it holds strings and a flag only.
 *
 * <p>Immutable: each change returns new settings.
 */
public final class CiSettings {

    public static final CiSettings DEFAULTS = new CiSettings(null, null, null, null, true, null, null);

    private final String storeUrl;
    private final String s3Endpoint;
    private final String awsCredentialsId;
    private final String defaultRemote;
    private final boolean nativeSteps;
    private final String trustedDockerArgs;
    private final String registryUrl;

    private CiSettings(String storeUrl, String s3Endpoint, String awsCredentialsId, String defaultRemote,
                       boolean nativeSteps, String trustedDockerArgs, String registryUrl) {
        this.storeUrl = unsetIfBlank(storeUrl);
        this.s3Endpoint = unsetIfBlank(s3Endpoint);
        this.awsCredentialsId = unsetIfBlank(awsCredentialsId);
        this.defaultRemote = unsetIfBlank(defaultRemote);
        this.nativeSteps = nativeSteps;
        this.trustedDockerArgs = unsetIfBlank(trustedDockerArgs);
        this.registryUrl = unsetIfBlank(registryUrl);
    }

    private static String unsetIfBlank(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** Where runs and the model registry live when mlci.yaml names no store; null = unset. */
    public String storeUrl() {
        return storeUrl;
    }

    /** The endpoint of an S3-compatible store (MinIO, Ceph); null = AWS. */
    public String s3Endpoint() {
        return s3Endpoint;
    }

    /** The server's id of the AWS keys for the store and remotes; null = the agent's own chain. */
    public String awsCredentialsId() {
        return awsCredentialsId;
    }

    /** The DVC remote to pull from when neither the step nor .dvc/config names one; null = unset. */
    public String defaultRemote() {
        return defaultRemote;
    }

    /** Whether the shared library hands its work to the plugin's steps. */
    public boolean nativeSteps() {
        return nativeSteps;
    }

    /**
     * docker run options repositories may ask for beyond mlci's allow-list, as
     * {@link io.mlci.core.run.docker.DockerArgsPolicy#TRUSTED_VARIABLE} takes them; null = none.
     */
    public String trustedDockerArgs() {
        return trustedDockerArgs;
    }

    /** Where the model registry lives when not under the store's {@code registry/} ({@code registry.url}); null = there. */
    public String registryUrl() {
        return registryUrl;
    }

    public CiSettings withRegistryUrl(String value) {
        return new CiSettings(storeUrl, s3Endpoint, awsCredentialsId, defaultRemote, nativeSteps, trustedDockerArgs, value);
    }

    public CiSettings withStoreUrl(String value) {
        return new CiSettings(value, s3Endpoint, awsCredentialsId, defaultRemote, nativeSteps, trustedDockerArgs, registryUrl);
    }

    public CiSettings withS3Endpoint(String value) {
        return new CiSettings(storeUrl, value, awsCredentialsId, defaultRemote, nativeSteps, trustedDockerArgs, registryUrl);
    }

    public CiSettings withAwsCredentialsId(String value) {
        return new CiSettings(storeUrl, s3Endpoint, value, defaultRemote, nativeSteps, trustedDockerArgs, registryUrl);
    }

    public CiSettings withDefaultRemote(String value) {
        return new CiSettings(storeUrl, s3Endpoint, awsCredentialsId, value, nativeSteps, trustedDockerArgs, registryUrl);
    }

    public CiSettings withNativeSteps(boolean value) {
        return new CiSettings(storeUrl, s3Endpoint, awsCredentialsId, defaultRemote, value, trustedDockerArgs, registryUrl);
    }

    /** Refuses entries that are not {@code --flag} or {@code --flag=value}, naming the first. */
    public CiSettings withTrustedDockerArgs(String value) {
        if (value != null && !value.isBlank()) {
            io.mlci.core.run.docker.DockerArgsPolicy.trusting(value);
        }
        return new CiSettings(storeUrl, s3Endpoint, awsCredentialsId, defaultRemote, nativeSteps, value, registryUrl);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CiSettings that && Objects.equals(storeUrl, that.storeUrl)
                && Objects.equals(s3Endpoint, that.s3Endpoint) && Objects.equals(awsCredentialsId, that.awsCredentialsId)
                && Objects.equals(defaultRemote, that.defaultRemote) && nativeSteps == that.nativeSteps
                && Objects.equals(trustedDockerArgs, that.trustedDockerArgs) && Objects.equals(registryUrl, that.registryUrl);
    }

    @Override
    public int hashCode() {
        return Objects.hash(storeUrl, s3Endpoint, awsCredentialsId, defaultRemote, nativeSteps, trustedDockerArgs, registryUrl);
    }
}
