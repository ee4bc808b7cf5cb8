package io.mlci.core.storage;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A read-only blob store over plain HTTP(S) GET, as DVC's http remote: enough to pull from a
 * static file server or a CDN. Listing is not possible over HTTP, so callers check objects one
 * by one.
 */
public final class HttpBlobStore implements BlobStore {

    private final URI base;
    private final HttpClient client;

    public HttpBlobStore(URI base) {
        String text = base.toString();
        this.base = URI.create(text.endsWith("/") ? text : text + "/");
        this.client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
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
        HttpResponse<InputStream> response = send(key, "GET");
        int status = response.statusCode();
        if (status == 200) {
            return response.body();
        }
        closeQuietly(response.body());
        throw failure(key, status);
    }

    @Override
    public boolean exists(String key) {
        HttpResponse<InputStream> response = send(key, "HEAD");
        closeQuietly(response.body());
        int status = response.statusCode();
        if (status == 200) {
            return true;
        }
        if (status == 404) {
            return false;
        }
        throw failure(key, status);
    }

    private HttpResponse<InputStream> send(String key, String method) {
        HttpRequest request = HttpRequest.newBuilder(uriOf(key))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofMinutes(5))
                .build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new StorageException(describe() + ": cannot reach server for '" + key + "': " + e, true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException(describe() + ": interrupted", false, e);
        }
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

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // the response is discarded anyway
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
