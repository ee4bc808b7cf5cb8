package io.mlci.jenkins;

import hudson.model.Fingerprint;
import io.mlci.core.MlciException;
import jenkins.model.FingerprintFacet;

import java.io.IOException;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * On a file's fingerprint page: which mlci run produced this file, in which build, and where its
 * model versions are listed — "where did this model come from", answered from the file's md5.
 */
public class ModelFingerprintFacet extends FingerprintFacet {

    private static final Logger LOGGER = Logger.getLogger(ModelFingerprintFacet.class.getName());

    private final String runId;
    private final String path;
    private final String sha256;
    private final String build;

    /** @param build the producing build's externalizable id, e.g. "churn/main#12" */
    public ModelFingerprintFacet(Fingerprint fingerprint, long timestamp, String runId, String path, String sha256,
                                 String build) {
        super(fingerprint, timestamp);
        this.runId = runId;
        this.path = path;
        this.sha256 = sha256;
        this.build = build;
    }

    public String getRunId() {
        return runId;
    }

    public String getPath() {
        return path;
    }

    public String getSha256() {
        return sha256;
    }

    public String getBuild() {
        return build;
    }

    /** The model versions registered from the run, e.g. "churn v3 (production)"; empty when none or unreadable. */
    public List<String> getModelVersions() {
        try {
            List<String> versions = ControllerRegistry.read(registry -> registry.versionsByRun().get(runId));
            return versions == null ? List.of() : versions;
        } catch (MlciException | IOException e) {
            LOGGER.log(Level.FINE, "cannot read the model registry for run " + runId, e);
            return List.of();
        }
    }

    /** The build page of the run that produced the file, if the build still exists. */
    public String getBuildUrl() {
        var run = hudson.model.Run.fromExternalizableId(build);
        return run == null ? null : run.getUrl();
    }
}
