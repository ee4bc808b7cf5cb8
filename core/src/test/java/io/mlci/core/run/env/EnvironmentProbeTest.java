package io.mlci.core.run.env;

import com.sun.net.httpserver.HttpServer;
import io.mlci.core.run.record.GpuInfo;
import io.mlci.core.run.record.RunEnvironment;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
        Path script = temp.getRoot().toPath().resolve("nvidia-smi");
        Files.writeString(script, """
                #!/bin/sh
                if [ "$1" = "--query-gpu=name,driver_version,memory.total" ]; then
                  echo "NVIDIA A10G, 550.54.15, 23028 MiB"
                  echo "NVIDIA A10G, 550.54.15, 23028 MiB"
                  exit 0
                fi
                echo "| NVIDIA-SMI 550.54.15    Driver Version: 550.54.15    CUDA Version: 12.4     |"
                """);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script.toString();
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
        HttpServer imds = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        imds.createContext("/latest/api/token", exchange -> {
            boolean put = exchange.getRequestMethod().equals("PUT")
                    && exchange.getRequestHeaders().getFirst("X-aws-ec2-metadata-token-ttl-seconds") != null;
            respond(exchange, put ? 200 : 403, put ? "token-123" : "");
        });
        imds.createContext("/latest/meta-data/", exchange -> {
            boolean authorised = "token-123".equals(exchange.getRequestHeaders().getFirst("X-aws-ec2-metadata-token"));
            String item = exchange.getRequestURI().getPath().substring("/latest/meta-data/".length());
            String body = Map.of("instance-type", "g5.xlarge", "instance-life-cycle", "spot").get(item);
            respond(exchange, authorised && body != null ? 200 : 401, body == null ? "" : body);
        });
        imds.start();
        try {
            Map<String, String> env = Map.of("NODE_NAME", "EC2 (gpu) - g5 (i-0abc)",
                    "AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://127.0.0.1:" + imds.getAddress().getPort(),
                    EnvironmentProbe.NVIDIA_SMI_VARIABLE, "/nonexistent");

            RunEnvironment probed = new EnvironmentProbe(env, "1").probe(false);

            assertThat(probed.agent()).isEqualTo("EC2 (gpu) - g5 (i-0abc)");
            assertThat(probed.instanceType()).isEqualTo("g5.xlarge (spot)");

            Map<String, String> disabled = new java.util.HashMap<>(env);
            disabled.put("AWS_EC2_METADATA_DISABLED", "true");
            assertThat(new EnvironmentProbe(disabled, "1").probe(false).instanceType()).isNull();
        } finally {
            imds.stop(0);
        }
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, int status, String body) throws java.io.IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }
}
