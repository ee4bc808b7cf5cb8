package io.mlci.core.run.record;

import java.util.List;

/**
 * Why a run that ended without outputs failed, when the status alone does not say.
 *
 * @param reason        {@code command} (it exited non-zero), {@code outputs} (a declared output was
 *                      missing or unreadable) or {@code upload} (training succeeded, storing its outputs did not)
 * @param cachedOutputs for {@code upload}: the outputs the training produced, hashed and kept in
 *                      the local cache of the machine that trained, so that {@code mlci runs push}
 *                      can upload them and record the run as it should have been; else empty
 */
public record RunFailure(String reason, List<OutputFile> cachedOutputs) {

    public static final String COMMAND = "command";
    public static final String OUTPUTS = "outputs";
    public static final String UPLOAD = "upload";

    public RunFailure {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a failure names its reason");
        }
        cachedOutputs = cachedOutputs == null ? List.of() : List.copyOf(cachedOutputs);
    }

    public static RunFailure of(String reason) {
        return new RunFailure(reason, List.of());
    }

    public boolean isUpload() {
        return UPLOAD.equals(reason);
    }
}
