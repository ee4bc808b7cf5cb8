package io.mlci.core.data.workspace;

import io.mlci.core.progress.ProgressListener;
import io.mlci.core.storage.RetryPolicy;

import io.mlci.core.storage.S3Options;
import io.mlci.core.storage.Timeouts;

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
 * @param timeouts  how long to wait on remotes (connect, read, one object in all)
 */
public record DataOptions(Path cacheDir, Integer jobs, Integer hashJobs, List<LinkType> linkTypes,
                          RetryPolicy retry, ProgressListener progress, S3Options s3, Timeouts timeouts) {

    public static DataOptions defaults() {
        return new DataOptions(null, null, null, null, RetryPolicy.DEFAULT, ProgressListener.NONE, S3Options.defaults(),
                Timeouts.DEFAULT);
    }

    /** Waits on remotes; a remote's own {@code connect_timeout} and {@code timeout} override connect and read. */
    public DataOptions withTimeouts(Timeouts value) {
        return new DataOptions(cacheDir, jobs, hashJobs, linkTypes, retry, progress, s3, value);
    }

    public DataOptions withCacheDir(Path dir) {
        return new DataOptions(dir, jobs, hashJobs, linkTypes, retry, progress, s3, timeouts);
    }

    public DataOptions withJobs(Integer n) {
        return new DataOptions(cacheDir, n, hashJobs, linkTypes, retry, progress, s3, timeouts);
    }

    public DataOptions withHashJobs(Integer n) {
        return new DataOptions(cacheDir, jobs, n, linkTypes, retry, progress, s3, timeouts);
    }

    public DataOptions withLinkTypes(List<LinkType> types) {
        return new DataOptions(cacheDir, jobs, hashJobs, types, retry, progress, s3, timeouts);
    }

    public DataOptions withRetry(RetryPolicy policy) {
        return new DataOptions(cacheDir, jobs, hashJobs, linkTypes, policy, progress, s3, timeouts);
    }

    /** The S3 settings remotes start from (credentials a CI server bound); .dvc/config's own options override them. */
    public DataOptions withS3(S3Options base) {
        return new DataOptions(cacheDir, jobs, hashJobs, linkTypes, retry, progress, base, timeouts);
    }

    public DataOptions withProgress(ProgressListener listener) {
        return new DataOptions(cacheDir, jobs, hashJobs, linkTypes, retry, listener, s3, timeouts);
    }
}
