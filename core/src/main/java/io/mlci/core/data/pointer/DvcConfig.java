package io.mlci.core.data.pointer;

import io.mlci.core.InvalidInputException;
import io.mlci.core.storage.AtomicFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The repository's DVC configuration: {@code .dvc/config} overlaid with the uncommitted
 * {@code .dvc/config.local} (where secrets belong).
 */
public final class DvcConfig {

    private static final String REMOTE_PREFIX = "remote \"";

    private final Path dvcDir;
    private final IniDocument shared;
    private final IniDocument merged;

    private DvcConfig(Path dvcDir, IniDocument shared, IniDocument merged) {
        this.dvcDir = dvcDir;
        this.shared = shared;
        this.merged = merged;
    }

    public static DvcConfig load(Path dvcDir) {
        IniDocument shared = read(dvcDir.resolve("config"));
        IniDocument local = read(dvcDir.resolve("config.local"));
        IniDocument merged = new IniDocument();
        for (IniDocument doc : new IniDocument[] {shared, local}) {
            doc.sections().forEach((section, values) -> values.forEach((k, v) -> merged.set(section, k, v)));
        }
        return new DvcConfig(dvcDir, shared, merged);
    }

    private static IniDocument read(Path file) {
        if (!Files.isRegularFile(file)) {
            return new IniDocument();
        }
        try {
            return IniDocument.parse(Files.readString(file, StandardCharsets.UTF_8), file);
        } catch (IOException e) {
            throw new InvalidInputException(file, null, "cannot read: " + e.getMessage());
        }
    }

    public Path dvcDir() {
        return dvcDir;
    }

    public Optional<String> get(String section, String key) {
        return Optional.ofNullable(merged.section(section).get(key));
    }

    public Optional<String> defaultRemoteName() {
        return get("core", "remote");
    }

    /** The named remote, or the default when name is null. */
    public RemoteConfig remote(String name) {
        String chosen = name != null ? name : defaultRemoteName().orElseThrow(() -> new InvalidInputException(
                dvcDir.resolve("config").toString(), "core.remote",
                "no default remote is set; add one with 'mlci remote add NAME URL --default' or pass --remote NAME"));
        Map<String, String> values = merged.section(REMOTE_PREFIX + chosen + "\"");
        if (values.isEmpty()) {
            throw new InvalidInputException(dvcDir.resolve("config").toString(), "remote \"" + chosen + "\"",
                    "remote '" + chosen + "' is not defined (known: " + remoteNames() + ")");
        }
        String url = values.get("url");
        if (url == null || url.isBlank()) {
            throw new InvalidInputException(dvcDir.resolve("config").toString(), "remote \"" + chosen + "\".url",
                    "is missing");
        }
        Map<String, String> options = new LinkedHashMap<>(values);
        options.remove("url");
        return new RemoteConfig(chosen, url, options, dvcDir);
    }

    public TreeSet<String> remoteNames() {
        TreeSet<String> names = new TreeSet<>();
        for (String section : merged.sections().keySet()) {
            if (section.startsWith(REMOTE_PREFIX) && section.endsWith("\"")) {
                names.add(section.substring(REMOTE_PREFIX.length(), section.length() - 1));
            }
        }
        return names;
    }

    /**
     * Adds or replaces a remote in the committed {@code .dvc/config} (never in config.local),
     * optionally making it the default, and writes the file atomically.
     */
    public static void addRemote(Path dvcDir, String name, String url, boolean makeDefault) {
        if (!name.matches("[A-Za-z0-9_.-]+")) {
            throw new InvalidInputException("remote name", null, "'" + name + "' may only contain letters, digits, '_', '.', '-'");
        }
        Path file = dvcDir.resolve("config");
        IniDocument doc = read(file);
        if (makeDefault) {
            doc.set("core", "remote", name);
        }
        doc.set(REMOTE_PREFIX + name + "\"", "url", url);
        try {
            AtomicFiles.write(file, doc.render().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * Points a remote at another URL in {@code config.local} only (the machine's own settings,
     * never committed): how a second checkout of a repository keeps using a remote that the
     * committed config names by a path relative to the original checkout.
     */
    public static void overrideRemoteUrlLocally(Path dvcDir, String name, String url) {
        Path file = dvcDir.resolve("config.local");
        IniDocument doc = Files.exists(file) ? read(file) : IniDocument.parse("", file);
        doc.set(REMOTE_PREFIX + name + "\"", "url", url);
        try {
            Files.createDirectories(dvcDir);
            AtomicFiles.write(file, doc.render().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** The section/key view of the committed file only (for tools that show what is shared). */
    public IniDocument sharedDocument() {
        return shared;
    }
}
