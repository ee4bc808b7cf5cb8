package io.mlci.core.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlci.core.run.record.OutputFile;

import java.util.List;
import java.util.Map;

/**
 * A registered model version: immutable, pointing at the run that produced it and the hashes of
 * the files it consists of.
 *
 * @param gateVerdict the run's gate verdict when it was registered ("passed", or what a forced registration overrode)
 * @param reason      why it was registered (required when forced)
 * @param artifact    the dvc.yaml artifact it was registered as; null when registered from all outputs
 *                    (and in versions registered before artifacts were known)
 */
public record ModelVersion(String model, int version, String runId, String runKey, String commit, String branch,
                           List<OutputFile> outputs, Map<String, JsonNode> metrics, String registeredAt, String registeredBy,
                           String buildUrl, String gateVerdict, String reason,
                           ModelArtifact artifact) {

    public String label() {
        return model + "/" + version;
    }
}
