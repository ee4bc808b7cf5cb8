package io.mlci.core.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.mlci.core.MlciException;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Against a local HTTP endpoint that answers as MLflow's REST API does and records the payloads (MLflow itself cannot run here). */
public class MlflowExportTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<String> paths = new CopyOnWriteArrayList<>();
    private final List<JsonNode> bodies = new CopyOnWriteArrayList<>();
    private final List<String> auth = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private boolean modelExists;

    @Before
    public void startFakeMlflow() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/2.0/mlflow/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            paths.add(path);
            bodies.add(JSON.readTree(exchange.getRequestBody()));
            auth.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            if (path.endsWith("registered-models/create") && modelExists) {
                respond(exchange, 400, "{\"error_code\": \"RESOURCE_ALREADY_EXISTS\", \"message\": \"exists\"}");
            } else if (path.endsWith("model-versions/create")) {
                respond(exchange, 200, "{\"model_version\": {\"name\": \"churn\", \"version\": \"7\"}}");
            } else {
                respond(exchange, 200, "{}");
            }
        });
        server.start();
    }

    @After
    public void stop() {
        server.stop(0);
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static ModelVersion version() {
        return new ModelVersion("churn", 3, "run-3", "k", "c0ffee", "main", List.of(), Map.of(), "2026-11-23T00:00:00Z", "alice",
                "https://ci.example/job/churn/main/12/", "passed", null, null);
    }

    @Test
    public void shouldCreateTheModelTheVersionAndItsAliases() {
        String created = new MlflowExport(uri(), "secret-token").export(version(), List.of("production"), "s3://ml-remote/files/md5");

        assertThat(created).isEqualTo("7");
        assertThat(paths).containsExactly("/api/2.0/mlflow/registered-models/create", "/api/2.0/mlflow/model-versions/create",
                "/api/2.0/mlflow/registered-models/alias");
        assertThat(bodies.get(1).get("source").asText()).isEqualTo("s3://ml-remote/files/md5");
        assertThat(bodies.get(1).get("run_link").asText()).isEqualTo("https://ci.example/job/churn/main/12/");
        assertThat(bodies.get(1).at("/tags/0/value").asText()).isEqualTo("run-3");
        assertThat(bodies.get(2).get("alias").asText()).isEqualTo("production");
        assertThat(bodies.get(2).get("version").asText()).isEqualTo("7");
        assertThat(auth).containsOnly("Bearer secret-token");
    }

    @Test
    public void shouldAcceptAModelThatAlreadyExists() {
        modelExists = true;
        assertThat(new MlflowExport(uri(), null).export(version(), List.of(), "src")).isEqualTo("7");
        assertThat(auth).containsOnly("null");
    }

    @Test
    public void shouldSayWhenMlflowCannotBeReached() {
        server.stop(0);
        assertThatThrownBy(() -> new MlflowExport(uri(), null).export(version(), List.of(), "src"))
                .isInstanceOf(MlciException.class).hasMessageContaining("cannot reach MLflow at http://127.0.0.1:");
    }
}
