package io.mlci.core.data.pointer;

/**
 * An output together with the pointer that tracks it.
 *
 * @param pointer repository-relative path of the {@code .dvc} file or {@code dvc.lock}
 * @param stage   the {@code dvc.lock} stage name, or null for a {@code .dvc} file
 * @param role    whether the lock entry is a stage output or a dependency
 */
public record TrackedOutput(String pointer, String stage, Role role, Output output) {

    public enum Role { OUT, DEP }

    /** A short name for messages, e.g. {@code data.dvc} or {@code dvc.lock:train}. */
    public String source() {
        return stage == null ? pointer : pointer + ":" + stage;
    }
}
