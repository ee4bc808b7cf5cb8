package io.mlci.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.nio.file.Path;

/** Options every command accepts, before or after the verb. */
public final class GlobalOptions {

    @Option(names = "-C", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "Run as if started in DIR (the repository root is found from there).")
    Path directory;

    @Option(names = "--cache", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "Cache directory (default: cache.dir of .dvc/config, else .dvc/cache).")
    Path cache;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N", scope = ScopeType.INHERIT,
            description = "Parallel transfers (default: the remote's 'jobs', else 4 x cores).")
    Integer jobs;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "Print the result as JSON on stdout.")
    boolean json;

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT, description = "No progress output.")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "On an error, also print its full cause (what the storage or the operating system said).")
    boolean verbose;

    public boolean verbose() {
        return verbose;
    }

    public Path directory() {
        return directory == null ? Path.of("").toAbsolutePath() : directory.toAbsolutePath();
    }

    public Path cache() {
        return cache;
    }

    public Integer jobs() {
        return jobs;
    }

    public boolean json() {
        return json;
    }

    public boolean quiet() {
        return quiet;
    }
}
