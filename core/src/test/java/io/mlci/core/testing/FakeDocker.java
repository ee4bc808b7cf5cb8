package io.mlci.core.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;

/**
 * The stand-in docker client (fake-docker.sh) installed in a directory of its own: no Docker
 * engine runs here, so tests of what mlci asks of docker — argv, environment, pulls, the GPU
 * check, stopping, cleaning up — run against it. Its behaviour is set by files beside it.
 */
public final class FakeDocker {

    private final Path dir;

    private FakeDocker(Path dir) {
        this.dir = dir;
    }

    public static FakeDocker install(Path dir) {
        try (InputStream script = FakeDocker.class.getResourceAsStream("fake-docker.sh")) {
            Files.createDirectories(dir);
            Path binary = dir.resolve("docker");
            Files.write(binary, script.readAllBytes());
            Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rwxr-xr-x"));
            return new FakeDocker(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String binary() {
        return dir.resolve("docker").toString();
    }

    /** Sets one behaviour, e.g. {@code set("pull", "auth")}; an empty value just creates the file. */
    public FakeDocker set(String setting, String value) {
        try {
            Files.writeString(dir.resolve(setting), value);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every invocation so far, as its argument words. */
    public List<List<String>> calls() {
        try {
            Path log = dir.resolve("log");
            if (!Files.exists(log)) {
                return List.of();
            }
            return Files.readAllLines(log).stream().map(line -> Arrays.asList(line.split("\u001f"))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The invocations as lines, words separated by spaces: for readable assertions. */
    public List<String> lines() {
        return calls().stream().map(words -> String.join(" ", words)).toList();
    }
}
