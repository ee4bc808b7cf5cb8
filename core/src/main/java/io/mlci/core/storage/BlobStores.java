package io.mlci.core.storage;

import java.net.URI;
import java.nio.file.Path;

/** Opens a blob store from a URL: {@code s3://bucket/prefix}, {@code http(s)://...}, or a local path. */
public final class BlobStores {

    private BlobStores() {
    }

    /**
     * @param baseDir directory that relative local paths are resolved against (DVC resolves a
     *                relative remote URL against the directory of the config file that names it)
     */
    public static BlobStore open(String url, Path baseDir, S3Options s3) {
        return open(url, baseDir, s3, Timeouts.DEFAULT);
    }

    /** As {@link #open(String, Path, S3Options)}, waiting on network stores no longer than {@code timeouts}. */
    public static BlobStore open(String url, Path baseDir, S3Options s3, Timeouts timeouts) {
        if (url.startsWith("s3://")) {
            return S3BlobStore.fromUrl(url, s3, timeouts);
        }
        if (url.startsWith("http://") || url.startsWith("https://")) {
            return new HttpBlobStore(URI.create(url), timeouts);
        }
        if (url.startsWith("file://")) {
            return new LocalBlobStore(Path.of(URI.create(url)));
        }
        int colon = url.indexOf("://");
        if (colon > 0) {
            throw new StorageException("remote URL scheme '" + url.substring(0, colon) + "://' is not supported; "
                    + "use s3://, http(s):// or a local path", false);
        }
        return new LocalBlobStore(baseDir.resolve(url));
    }
}
