package io.mlci.core.data.workspace;

import io.mlci.core.progress.ProgressListener;
import io.mlci.core.storage.RetryPolicy;

import java.nio.file.Path;
import java.util.List;

/**
 * Settings for data operations; null fields fall back to {@code .dvc/config} and then to DVC's
 * defaults.
 *
 * @param cacheDir  cache directory ({@code --cache}); default {@code cache.dir} or {@code .dvc/cache}
 * @param jobs      parallel transfers ({@code -j}); default {@code jobs} of the remote or 4 x cores
 * @param hashJobs  parallel hashing threads; default twice the number of cores
 * @param linkTypes link preference; default {@code cache.type} or reflink,copy
 */
public record DataOptions(Path cacheDir, Integer jobs, Integer hashJobs, List<LinkType> linkTypes,
                          RetryPolicy retry, ProgressListener progress) {

    public static DataOptions defaults() {
        return new DataOptions(null, null, null, null, RetryPolicy.DEFAULT, ProgressListener.NONE);
    }

    public DataOptions withCacheDir(Path dir) {
        return new DataOptions(dir, jobs, hashJobs, linkTypes, retry, progress);
    }

    public DataOptions withJobs(Integer n) {
        return new DataOptions(cacheDir, n, hashJobs, linkTypes, retry, progress);
    }

    public DataOptions withHashJobs(Integer n) {
        return new DataOptions(cacheDir, jobs, n, linkTypes, retry, progress);
    }

    public DataOptions withLinkTypes(List<LinkType> types) {
        return new DataOptions(cacheDir, jobs, hashJobs, types, retry, progress);
    }

    public DataOptions withRetry(RetryPolicy policy) {
        return new DataOptions(cacheDir, jobs, hashJobs, linkTypes, policy, progress);
    }

    public DataOptions withProgress(ProgressListener listener) {
        return new DataOptions(cacheDir, jobs, hashJobs, linkTypes, retry, listener);
    }
}
