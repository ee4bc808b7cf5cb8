package io.mlci.core.ci;

import io.mlci.core.testing.PersistedXml;
import org.junit.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

public class CiSettingsTest {

    @Test
    public void shouldComeBackFromXStreamWithEverySetting() {
        CiSettings settings = CiSettings.DEFAULTS.withStoreUrl("s3://ml-ci/runs").withS3Endpoint("http://minio:9000")
                .withAwsCredentialsId("ml-ci-aws").withDefaultRemote("s3store").withNativeSteps(false)
                .withTrustedDockerArgs("--volume=/datasets:/datasets:ro").withRegistryUrl("s3://ml-models/registry");

        CiSettings read = PersistedXml.read(PersistedXml.write(settings), CiSettings.class);

        assertThat(read).isEqualTo(settings);
        assertThat(read.storeUrl()).isEqualTo("s3://ml-ci/runs");
        assertThat(read.s3Endpoint()).isEqualTo("http://minio:9000");
        assertThat(read.awsCredentialsId()).isEqualTo("ml-ci-aws");
        assertThat(read.defaultRemote()).isEqualTo("s3store");
        assertThat(read.nativeSteps()).isFalse();
        assertThat(read.trustedDockerArgs()).isEqualTo("--volume=/datasets:/datasets:ro");
        assertThat(read.registryUrl()).isEqualTo("s3://ml-models/registry");
    }

    @Test
    public void shouldRefuseTrustedDockerArgsThatAreNotOptions() {
        assertThatThrownBy(() -> CiSettings.DEFAULTS.withTrustedDockerArgs("--cap-add=SYS_PTRACE privileged"))
                .hasMessageContaining("'privileged' is not an option");
        assertThat(CiSettings.DEFAULTS.withTrustedDockerArgs(" ").trustedDockerArgs()).isNull();
    }

    @Test
    public void shouldComeBackFromXStreamUnsetWhenNothingWasSet() {
        String xml = PersistedXml.write(CiSettings.DEFAULTS);

        CiSettings read = PersistedXml.read(xml, CiSettings.class);

        assertThat(read).isEqualTo(CiSettings.DEFAULTS);
        assertThat(read.storeUrl()).isNull();
        assertThat(read.nativeSteps()).isTrue();
        assertThat(xml).doesNotContain("class=").doesNotContain("storeUrl");
    }

    @Test
    public void shouldTreatABlankValueAsUnsetAndTrimTheRest() {
        CiSettings settings = CiSettings.DEFAULTS.withStoreUrl("  ").withDefaultRemote(" s3store \n")
                .withAwsCredentialsId("");

        assertThat(settings.storeUrl()).isNull();
        assertThat(settings.defaultRemote()).isEqualTo("s3store");
        assertThat(settings.awsCredentialsId()).isNull();
    }

    @Test
    public void shouldChangeOnlyTheSettingThatIsSet() {
        CiSettings before = CiSettings.DEFAULTS.withStoreUrl("s3://a/runs").withDefaultRemote("origin");

        CiSettings after = before.withS3Endpoint("http://minio:9000");

        assertThat(after.storeUrl()).isEqualTo("s3://a/runs");
        assertThat(after.defaultRemote()).isEqualTo("origin");
        assertThat(before.s3Endpoint()).isNull();
    }
}
