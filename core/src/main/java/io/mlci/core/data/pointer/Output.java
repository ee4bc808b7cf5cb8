package io.mlci.core.data.pointer;

import io.mlci.core.data.hash.HashAlgorithm;
import io.mlci.core.data.hash.ObjectId;

import java.util.Objects;

/**
 * One tracked path of a {@code .dvc} file or {@code dvc.lock} stage: where it is in the
 * workspace and which content it must have.
 *
 * @param path      path as written in the pointer (relative to the pointer's directory)
 * @param workspacePath the same path relative to the repository root, posix separators
 * @param objectId  the content, or null when the pointer names no hash yet
 * @param size      total bytes, -1 when not recorded
 * @param nfiles    number of files of a directory, -1 when not recorded or not a directory
 * @param cache     false when DVC was told not to cache the path (e.g. a small metrics file)
 * @param push      false when the path is cached locally but never pushed
 * @param remote    the remote this output goes to, when it overrides the default
 */
public record Output(String path, String workspacePath, ObjectId objectId, long size, long nfiles,
                     boolean isexec, boolean cache, boolean push, String remote) {

    public Output {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(workspacePath, "workspacePath");
    }

    public boolean isDirectory() {
        return objectId != null && objectId.isDir();
    }

    public HashAlgorithm algorithm() {
        return objectId == null ? HashAlgorithm.MD5 : objectId.algorithm();
    }
}
