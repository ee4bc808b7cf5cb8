package io.mlci.core.run.store;

import io.mlci.core.MlciException;
import io.mlci.core.run.env.CiContext;
import io.mlci.core.storage.AtomicFiles;
import io.mlci.core.storage.BlobStore;
import io.mlci.core.storage.BlobStores;
import io.mlci.core.storage.RetryPolicy;
import io.mlci.core.storage.RetryingBlobStore;
import io.mlci.core.storage.S3Options;
import io.mlci.core.storage.WorkspacePaths;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Finds and opens the run store: {@code --store}, else mlci.yaml's {@code store}, else {@code .mlci/}. */
public final class RunStores {

    public static final String DEFAULT_DIR = ".mlci";

    /** S3-compatible servers for the store are named by endpoint; path-style addressing is what they all accept. */
    public static final String ENDPOINT_VARIABLE = "MLCI_S3_ENDPOINT";
    /** The store a CI server's administrator set up for every build, used when mlci.yaml names none. */
    public static final String STORE_VARIABLE = "MLCI_STORE";

    private RunStores() {
    }

    /**
     * @param location a directory, {@code file://}, {@code s3://bucket/prefix} or {@code http(s)://}
     *                 (read-only); null = {@code .mlci/} in the repository
     */
    /**
     * Which store a command uses: the one it was given (--store), else mlci.yaml's {@code store},
     * else {@code $MLCI_STORE}, else null for {@code .mlci/} in the repository.
     */
    public static String locate(String given, String configured, Map<String, String> environment) {
        if (given != null && !given.isBlank()) {
            return given;
        }
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        String fallback = environment.get(STORE_VARIABLE);
        return fallback == null || fallback.isBlank() ? null : fallback;
    }

    /** In a pull-request build (CHANGE_ID set) the store writes under {@code pr/ID/} only: see {@link RunStore#forPullRequest}. */
    public static RunStore open(String location, Path repoRoot, Map<String, String> environment) {
        RunStore store = location == null || location.isBlank() ? new RunStore(local(repoRoot, repoRoot.resolve(DEFAULT_DIR)))
                : new RunStore(openLocation(location, repoRoot, environment));
        String changeId = CiContext.from(environment).changeId();
        return changeId == null ? store : store.forPullRequest(changeId);
    }

    /**
     * A store location other than the run store itself (the registry's {@code registry.url}),
     * reached the same way: directory, {@code s3://} with the same endpoint and retries, or http(s) read-only.
     */
    public static BlobStore openLocation(String location, Path repoRoot, Map<String, String> environment) {
        S3Options s3 = S3Options.defaults().withEnvironment(environment);
        String endpoint = environment.get(ENDPOINT_VARIABLE);
        if (endpoint != null && !endpoint.isBlank()) {
            s3 = s3.withEndpoint(URI.create(endpoint), true);
        }
        BlobStore blobs = BlobStores.open(location, repoRoot, s3);
        return location.contains("://") ? new RetryingBlobStore(blobs, RetryPolicy.DEFAULT,
                io.mlci.core.progress.ProgressListener.NONE) : blobs;
    }

    /**
     * The embedded default lives inside the repository, so it must keep itself out of git: its
     * own {@code .gitignore} with {@code *} does that without touching the user's files.
     */
    private static BlobStore local(Path repoRoot, Path dir) {
        new WorkspacePaths(repoRoot).createDirectories(dir); // never through a link planted at .mlci
        prepareLocalDir(dir);
        return BlobStores.open(dir.toString(), dir, S3Options.defaults());
    }

    /** Creates {@code dir} with a {@code .gitignore} that keeps it, and itself, out of git. */
    public static void prepareLocalDir(Path dir) {
        try {
            Files.createDirectories(dir);
            Path ignore = dir.resolve(".gitignore");
            if (!Files.exists(ignore)) {
                AtomicFiles.write(ignore, "*\n".getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new MlciException("cannot create " + dir + ": " + e.getMessage(), e);
        }
    }
}
