package io.mlci.core.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlci.core.MlciException;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Mirrors a registered version into an MLflow tracking server through its REST API (2.0):
 * creates the registered model if needed, a model version whose source is where mlci keeps the
 * files and whose run link is the CI build, and the version's stages as MLflow aliases. mlci's
 * registry stays the record; MLflow gets a copy for teams that browse models there.
 */
public final class MlflowExport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI trackingUri;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** @param token bearer token (Databricks, or an MLflow server behind auth); null for none */
    public MlflowExport(URI trackingUri, String token) {
        this.trackingUri = URI.create(trackingUri.toString().endsWith("/") ? trackingUri.toString() : trackingUri + "/");
        this.token = token;
    }

    /** Returns the MLflow version number created. */
    public String export(ModelVersion version, List<String> aliases, String source) {
        ObjectNode model = JSON.createObjectNode().put("name", version.model())
                .put("description", "Registered by mlci; the record is in the mlci run store.");
        JsonNode created = post("registered-models/create", model, true);
        ObjectNode body = JSON.createObjectNode().put("name", version.model()).put("source", source)
                .put("run_link", version.buildUrl() == null ? "" : version.buildUrl())
                .put("description", "mlci " + version.label() + " from run " + version.runId() + " at commit " + version.commit());
        body.putArray("tags").addObject().put("key", "mlci.run_id").put("value", version.runId());
        JsonNode response = post("model-versions/create", body, false);
        String mlflowVersion = response.path("model_version").path("version").asText(null);
        if (mlflowVersion == null) {
            throw new MlciException("MLflow at " + trackingUri + " answered model-versions/create without a version: " + response);
        }
        for (String alias : aliases) {
            post("registered-models/alias", JSON.createObjectNode().put("name", version.model()).put("alias", alias)
                    .put("version", mlflowVersion), false);
        }
        return mlflowVersion;
    }

    private JsonNode post(String endpoint, JsonNode body, boolean existingIsFine) {
        HttpRequest.Builder request = HttpRequest.newBuilder(trackingUri.resolve("api/2.0/mlflow/" + endpoint))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (token != null && !token.isBlank()) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
            if (response.statusCode() == 200) {
                return json;
            }
            if (existingIsFine && "RESOURCE_ALREADY_EXISTS".equals(json.path("error_code").asText())) {
                return json;
            }
            throw new MlciException("MLflow at " + trackingUri + " refused " + endpoint + " (HTTP " + response.statusCode() + "): "
                    + json.path("message").asText(response.body()));
        } catch (IOException e) {
            throw new MlciException("cannot reach MLflow at " + trackingUri + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MlciException("interrupted while talking to MLflow at " + trackingUri, e);
        }
    }

    /** The stages a version holds. */
    public static List<String> stagesOf(ModelVersion version, Map<String, Integer> aliases) {
        return aliases.entrySet().stream().filter(e -> e.getValue() == version.version()).map(Map.Entry::getKey).sorted().toList();
    }
}
