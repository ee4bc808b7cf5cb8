package io.mlci.core.run.record;

/**
 * One tracked data path a run read.
 *
 * @param path    workspace path
 * @param hash    content hash (DVC form: md5, {@code .dir} for directories)
 * @param size    bytes
 * @param nfiles  files (1 for a file)
 * @param pointer the pointer file (or lock stage) that names it; with the run's commit, this leads to
 *                the data's history in git
 */
public record DataInput(String path, String hash, long size, long nfiles, String pointer) {
}
