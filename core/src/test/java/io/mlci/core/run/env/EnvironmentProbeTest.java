package io.mlci.core.run.env;

import io.mlci.core.run.record.GpuInfo;
import io.mlci.core.testing.FakeInstanceMetadata;
import io.mlci.core.testing.FakeNvidiaSmi;
import io.mlci.core.run.record.RunEnvironment;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * There is no GPU and no EC2 here: nvidia-smi is a script printing what the real one prints, and
 * the instance metadata service is a loopback HTTP server answering as IMDSv2 does. Both are
 * fakes of things that cannot run on this machine.
 */
public class EnvironmentProbeTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private String fakeNvidiaSmi() throws Exception {
        return FakeNvidiaSmi.write(temp.getRoot().toPath());
    }

    @Test
    public void shouldDescribeGpusAsNvidiaSmiReportsThem() throws Exception {
        RunEnvironment env = new EnvironmentProbe(Map.of(EnvironmentProbe.NVIDIA_SMI_VARIABLE, fakeNvidiaSmi()), "1.2.3")
                .probe(false);

        assertThat(env.gpus()).containsExactly(new GpuInfo("NVIDIA A10G", "550.54.15", "12.4", "23028 MiB"),
                new GpuInfo("NVIDIA A10G", "550.54.15", "12.4", "23028 MiB"));
        assertThat(env.tools()).containsEntry("mlci", "1.2.3").containsEntry("java", System.getProperty("java.version"));
        assertThat(env.cpus()).isPositive();
        assertThat(env.agent()).isNull();
        assertThat(env.instanceType()).isNull();
    }

    @Test
    public void shouldListNoGpuWithoutNvidiaSmi() {
        RunEnvironment env = new EnvironmentProbe(Map.of(EnvironmentProbe.NVIDIA_SMI_VARIABLE, "/nonexistent/nvidia-smi"), "1")
                .probe(false);

        assertThat(env.gpus()).isEmpty();
    }

    @Test
    public void shouldAskTheInstanceMetadataServiceOnAJenkinsAgent() throws Exception {
        try (FakeInstanceMetadata imds = new FakeInstanceMetadata(Map.of("instance-type", "g5.xlarge",
                "instance-life-cycle", "spot", "placement/region", "eu-west-1"))) {
            Map<String, String> env = new java.util.HashMap<>(imds.environment());
            env.put("NODE_NAME", "EC2 (gpu) - g5 (i-0abc)");
            env.put(EnvironmentProbe.NVIDIA_SMI_VARIABLE, "/nonexistent");

            EnvironmentProbe probe = new EnvironmentProbe(env, "1");
            RunEnvironment probed = probe.probe(false);

            assertThat(probed.agent()).isEqualTo("EC2 (gpu) - g5 (i-0abc)");
            assertThat(probed.instanceType()).isEqualTo("g5.xlarge (spot)");
            assertThat(probe.instance()).contains(new Ec2Instance("g5.xlarge", "spot", "eu-west-1"));
            assertThat(imds.requests()).startsWith("PUT /latest/api/token").contains("GET /latest/meta-data/placement/region")
                    .doesNotContain("GET /latest/api/token");
            assertThat(imds.requests().stream().filter(r -> r.startsWith("PUT"))).as("one token per probe").hasSize(1);

            Map<String, String> disabled = new java.util.HashMap<>(env);
            disabled.put("AWS_EC2_METADATA_DISABLED", "true");
            int asked = imds.requests().size();
            assertThat(new EnvironmentProbe(disabled, "1").probe(false).instanceType()).isNull();
            assertThat(imds.requests()).hasSize(asked);
        }
    }

    @Test
    public void shouldLeaveOutWhatTheMetadataServiceDoesNotSay() throws Exception {
        try (FakeInstanceMetadata imds = new FakeInstanceMetadata(Map.of("instance-type", "p3.2xlarge"))) {
            Map<String, String> env = new java.util.HashMap<>(imds.environment());
            env.put(EnvironmentProbe.EC2_METADATA_VARIABLE, "true");

            assertThat(new EnvironmentProbe(env, "1").instance()).contains(new Ec2Instance("p3.2xlarge", null, null));
        }
    }

    @Test
    public void shouldNotAskOffAnAgent() throws Exception {
        try (FakeInstanceMetadata imds = new FakeInstanceMetadata(Map.of("instance-type", "g5.xlarge"))) {
            Map<String, String> env = imds.environment();

            assertThat(new EnvironmentProbe(env, "1").instance()).isEmpty();
            assertThat(imds.requests()).isEmpty();
        }
    }
}
