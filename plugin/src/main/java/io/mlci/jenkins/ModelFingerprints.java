package io.mlci.jenkins;

import hudson.model.Fingerprint;
import hudson.model.Run;
import io.mlci.core.ci.BuildSummary;
import io.mlci.core.ci.FileOrigin;
import io.mlci.core.run.record.OutputFile;
import jenkins.model.Jenkins;

import java.io.IOException;

/**
 * Records every file the gated run produced in Jenkins' fingerprint map — by the md5 the core
 * recorded, so no file is read again — with a facet naming the run.
 */
final class ModelFingerprints {

    private ModelFingerprints() {
    }

    static void record(Run<?, ?> run, BuildSummary summary) throws IOException {
        for (OutputFile file : summary.outputFiles()) {
            Fingerprint fingerprint = Jenkins.get().getFingerprintMap().getOrCreate(run, file.path(), file.md5());
            fingerprint.addFor(run);
            if (!hasFacetFor(fingerprint, summary.runId())) {
                fingerprint.getFacets().add(new ModelFingerprintFacet(fingerprint, run.getTimeInMillis(),
                        new FileOrigin(summary.runId(), file.path(), file.sha256(), run.getExternalizableId())));
            }
            fingerprint.save();
        }
    }

    /** A file produced by a reused run is the same file: one facet per run, however often it is gated. */
    private static boolean hasFacetFor(Fingerprint fingerprint, String runId) {
        return fingerprint.getFacets().stream()
                .anyMatch(facet -> facet instanceof ModelFingerprintFacet model && model.getRunId().equals(runId));
    }
}
