package io.mlci.core.run.record;

import java.util.List;

/**
 * A file or directory a run produced.
 *
 * @param path   workspace path
 * @param md5    DVC hash: the file's md5, or the {@code .dir} listing's for a directory
 * @param sha256 the file's sha256; for a directory null (see {@code files})
 * @param size   bytes
 * @param nfiles files (1 for a file)
 * @param files  for a directory, every file in it; empty for a file
 */
public record OutputFile(String path, String md5, String sha256, long size, long nfiles, List<OutputFile> files) {

    public OutputFile {
        files = files == null ? List.of() : List.copyOf(files);
    }

    public boolean isDirectory() {
        return md5.endsWith(".dir");
    }
}
