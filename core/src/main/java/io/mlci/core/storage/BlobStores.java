package io.mlci.core.storage;

import java.net.URI;
import java.nio.file.Path;

/** Opens a blob store from a URL: {@code s3://bucket/prefix}, {@code http(s)://...}, or a local path. */
public final class BlobStores {

    private BlobStores() {
    }

    private static final java.util.regex.Pattern SCHEME = java.util.regex.Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]+):(.*)$");
    private static final java.util.regex.Pattern BUCKET = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    public static final String SUPPORTED = "s3://BUCKET/PREFIX, http(s)://HOST/PATH (read-only), file:///DIR or a directory path";

    /**
     * Checks a remote URL before it is written into a config: a scheme mlci can open, and the
     * parts that scheme needs. Returns the problem, or null when the URL is usable.
     */
    public static String problemWith(String url) {
        if (url == null || url.isBlank()) {
            return "is empty; expected " + SUPPORTED;
        }
        java.util.regex.Matcher scheme = SCHEME.matcher(url);
        if (!scheme.matches()) {
            return null; // a local path (a one-letter "scheme" would be a Windows drive, excluded by the pattern)
        }
        String name = scheme.group(1).toLowerCase(java.util.Locale.ROOT);
        String rest = scheme.group(2);
        if (!rest.startsWith("//")) {
            return "'" + url + "' is neither a URL (" + name + "://...) nor a directory; expected " + SUPPORTED;
        }
        String authority = rest.substring(2);
        int slash = authority.indexOf('/');
        String host = slash < 0 ? authority : authority.substring(0, slash);
        switch (name) {
            case "s3":
                return BUCKET.matcher(host).matches() ? null : "'" + host + "' is not an S3 bucket name "
                        + "(3 to 63 lower-case letters, digits, '.' and '-') in '" + url + "'";
            case "http":
            case "https":
                try {
                    return URI.create(url).getHost() == null ? "'" + url + "' names no host" : null;
                } catch (IllegalArgumentException e) {
                    return "'" + url + "' is not a valid URL: " + e.getMessage();
                }
            case "file":
                return authority.startsWith("/") ? null : "'" + url + "' must be file:///ABSOLUTE/PATH";
            default:
                return "remote URL scheme '" + name + "://' is not supported; mlci supports " + SUPPORTED;
        }
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
