package io.mlci.core.ci;

import java.util.Objects;

/**
 * Where a file a run produced came from: the run, the file's path in the workspace and sha256,
 * and the CI build that gated the run. A CI server keeps it with the file's fingerprint (Jenkins:
 * a fingerprint facet, written with XStream), so it holds strings only.
 *
 * <p>Immutable; every field but the sha256 (unknown in records that predate it) is required.
 */
public final class FileOrigin {

    private final String runId;
    private final String path;
    private final String sha256;
    private final String build;

    /** @param build the CI server's id for the build, e.g. Jenkins' "churn/main#12" */
    public FileOrigin(String runId, String path, String sha256, String build) {
        this.runId = Objects.requireNonNull(runId, "runId");
        this.path = Objects.requireNonNull(path, "path");
        this.sha256 = sha256;
        this.build = Objects.requireNonNull(build, "build");
    }

    public String runId() {
        return runId;
    }

    public String path() {
        return path;
    }

    /** null when the run record did not carry it */
    public String sha256() {
        return sha256;
    }

    public String build() {
        return build;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FileOrigin that && runId.equals(that.runId) && path.equals(that.path)
                && Objects.equals(sha256, that.sha256) && build.equals(that.build);
    }

    @Override
    public int hashCode() {
        return Objects.hash(runId, path, sha256, build);
    }

    @Override
    public String toString() {
        return path + " from run " + runId + " (" + build + ")";
    }
}
