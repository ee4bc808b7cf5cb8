package io.mlci.core.storage;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;

/**
 * A read-only blob store over plain HTTP(S) GET, as DVC's http remote: enough to pull from a
 * static file server or a CDN. Listing is not possible over HTTP, so callers check objects one
 * by one.
 *
 * <p>Built on {@link HttpURLConnection} because its read timeout bounds every wait for bytes,
 * the body's included: a server that accepts a connection and then says nothing fails after
 * {@link Timeouts#read()} instead of holding a pull for as long as the operating system keeps the
 * connection.
 */
public final class HttpBlobStore implements BlobStore {

    private final URI base;
    private final Timeouts timeouts;

    public HttpBlobStore(URI base) {
        this(base, Timeouts.DEFAULT);
    }

    public HttpBlobStore(URI base, Timeouts timeouts) {
        String text = base.toString();
        this.base = URI.create(text.endsWith("/") ? text : text + "/");
        this.timeouts = timeouts;
    }

    @Override
    public String describe() {
        return base.toString();
    }

    private URI uriOf(String key) {
        return base.resolve(Keys.require(key));
    }

    @Override
    public InputStream open(String key) {
        HttpURLConnection connection = send(key, "GET");
        int status = status(connection, key);
        if (status == 200) {
            try {
                return new Disconnecting(connection.getInputStream(), connection, key);
            } catch (IOException e) {
                connection.disconnect();
                throw unreachable(key, e);
            }
        }
        connection.disconnect();
        throw failure(key, status);
    }

    @Override
    public boolean exists(String key) {
        HttpURLConnection connection = send(key, "HEAD");
        int status = status(connection, key);
        connection.disconnect();
        if (status == 200) {
            return true;
        }
        if (status == 404) {
            return false;
        }
        throw failure(key, status);
    }

    private HttpURLConnection send(String key, String method) {
        try {
            URL url = uriOf(key).toURL();
            HttpURLConnection connection = (HttpURLConnection) url.openConnection();
            connection.setRequestMethod(method);
            connection.setConnectTimeout(Math.toIntExact(Math.min(Integer.MAX_VALUE, timeouts.connect().toMillis())));
            connection.setReadTimeout(Math.toIntExact(Math.min(Integer.MAX_VALUE, timeouts.read().toMillis())));
            connection.setInstanceFollowRedirects(true);
            return connection;
        } catch (IOException e) {
            throw unreachable(key, e);
        }
    }

    private int status(HttpURLConnection connection, String key) {
        try {
            return connection.getResponseCode();
        } catch (IOException e) {
            connection.disconnect();
            throw unreachable(key, e);
        }
    }

    private StorageException unreachable(String key, IOException e) {
        if (e instanceof SocketTimeoutException) {
            return timedOut(key, e);
        }
        return new StorageException(describe() + ": cannot reach server for '" + key + "': " + e, true, e);
    }

    private StorageException timedOut(String key, IOException e) {
        return timeouts.expired(describe() + ": cannot read '" + key + "'", e);
    }

    private StorageException failure(String key, int status) {
        if (status == 404) {
            return new BlobNotFoundException(describe(), key);
        }
        if (status == 401 || status == 403) {
            return new StorageException(describe() + ": access denied (HTTP " + status + ") for '" + key + "'", false);
        }
        return new StorageException(describe() + ": HTTP " + status + " for '" + key + "'",
                status >= 500 || status == 429);
    }

    /** Closing the body also closes the connection, so a watchdog can abort a read from another thread. */
    private final class Disconnecting extends FilterInputStream {
        private final HttpURLConnection connection;
        private final String key;

        Disconnecting(InputStream in, HttpURLConnection connection, String key) {
            super(in);
            this.connection = connection;
            this.key = key;
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (SocketTimeoutException e) {
                throw timedOut(key, e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (SocketTimeoutException e) {
                throw timedOut(key, e);
            }
        }

        @Override
        public void close() {
            connection.disconnect();
        }
    }

    @Override
    public void put(String key, Path source) {
        throw new StorageException(describe() + ": HTTP remotes are read-only; push to an s3:// or local remote", false);
    }

    @Override
    public boolean putIfAbsent(String key, byte[] content) {
        throw new StorageException(describe() + ": HTTP remotes are read-only", false);
    }

    @Override
    public List<String> list(String prefix) {
        throw new StorageException(describe() + ": HTTP remotes cannot be listed", false);
    }

    @Override
    public boolean isWritable() {
        return false;
    }
}
