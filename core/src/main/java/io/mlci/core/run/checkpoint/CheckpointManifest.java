package io.mlci.core.run.checkpoint;

import java.util.List;

/**
 * The checkpoint directory as last uploaded: which files, with which content.
 *
 * @param files     relative path, md5 and size of every file
 * @param complete  true once the training succeeded: the checkpoints are then history, not a resume point
 * @param updatedAt ISO-8601 instant of the upload
 */
record CheckpointManifest(List<Entry> files, boolean complete, String updatedAt) {

    record Entry(String path, String md5, long size) {
    }

    CheckpointManifest {
        files = files == null ? List.of() : List.copyOf(files);
    }
}
