package io.mlci.jenkins;

import hudson.model.Fingerprint;
import hudson.model.Run;
import io.mlci.core.ci.FileOrigin;
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

    /** All this facet keeps in the fingerprint's XML: strings (see {@link FileOrigin}). */
    private final FileOrigin origin;

    /** @param origin its build is the producing build's externalizable id, e.g. "churn/main#12" */
    public ModelFingerprintFacet(Fingerprint fingerprint, long timestamp, FileOrigin origin) {
        super(fingerprint, timestamp);
        this.origin = origin;
    }

    public String getRunId() {
        return origin.runId();
    }

    public String getPath() {
        return origin.path();
    }

    public String getSha256() {
        return origin.sha256();
    }

    public String getBuild() {
        return origin.build();
    }

    /** The model versions registered from the run, e.g. "churn v3 (production)"; empty when none or unreadable. */
    public List<String> getModelVersions() {
        try {
            List<String> versions = ControllerRegistry.read(registry -> registry.versionsByRun().get(getRunId()));
            return versions == null ? List.of() : versions;
        } catch (MlciException | IOException e) {
            LOGGER.log(Level.FINE, "cannot read the model registry for run " + getRunId(), e);
            return List.of();
        }
    }

    /** The build page of the run that produced the file, if the build still exists. */
    public String getBuildUrl() {
        Run<?, ?> run = Run.fromExternalizableId(getBuild());
        return run == null ? null : run.getUrl();
    }
}
