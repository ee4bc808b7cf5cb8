package io.mlci.core.data.pointer;

import io.mlci.core.InvalidInputException;
import io.mlci.core.storage.AtomicFiles;
import io.mlci.core.storage.BlobStores;

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
        addRemote(dvcDir, name, url, makeDefault, false);
    }

    /** As {@link #addRemote(Path, String, String, boolean)}; with {@code local} into config.local (this checkout only). */
    public static void addRemote(Path dvcDir, String name, String url, boolean makeDefault, boolean local) {
        if (!name.matches("[A-Za-z0-9_.-]+")) {
            throw new InvalidInputException("remote name", null, "'" + name + "' may only contain letters, digits, '_', '.', '-'");
        }
        requireUsableUrl(url);
        Path file = dvcDir.resolve(local ? "config.local" : "config");
        IniDocument doc = read(file);
        if (makeDefault) {
            doc.set("core", "remote", name);
        }
        doc.set(REMOTE_PREFIX + name + "\"", "url", url);
        write(file, doc);
    }

    /** Refuses a URL mlci could not open, naming the schemes it supports. */
    public static void requireUsableUrl(String url) {
        String problem = BlobStores.problemWith(url);
        if (problem != null) {
            throw new InvalidInputException("URL", null, problem);
        }
    }

    /**
     * The options {@code mlci remote modify} accepts: those mlci acts on, and those DVC defines
     * for the remotes mlci supports (kept for DVC, which reads the same file).
     */
    public static final java.util.Set<String> REMOTE_OPTIONS = java.util.Set.of("url", "endpointurl", "region", "profile",
            "access_key_id", "secret_access_key", "session_token", "jobs", "timeout", "connect_timeout", "read_timeout",
            "credentialpath", "configpath", "use_ssl", "ssl_verify", "listobjects", "sse", "sse_kms_key_id", "acl",
            "grant_read", "grant_full_control", "verify", "version_aware", "worktree", "auth", "custom_auth_header",
            "user", "password", "ask_password", "method");

    /**
     * Sets (or with a null value removes) one option of an existing remote in {@code .dvc/config},
     * or with {@code local} in {@code .dvc/config.local}, where secrets belong.
     */
    public static void modifyRemote(Path dvcDir, boolean local, String name, String option, String value) {
        if (!REMOTE_OPTIONS.contains(option)) {
            throw new InvalidInputException("option", option, "is not a remote option DVC knows; expected one of "
                    + new TreeSet<>(REMOTE_OPTIONS));
        }
        requireRemote(dvcDir, name);
        if (value != null && option.equals("url")) {
            requireUsableUrl(value);
        }
        Path file = dvcDir.resolve(local ? "config.local" : "config");
        IniDocument doc = read(file);
        if (value == null) {
            if (!doc.remove(REMOTE_PREFIX + name + "\"", option)) {
                throw new InvalidInputException(file, "remote \"" + name + "\"." + option, "is not set here; nothing to unset");
            }
        } else {
            doc.set(REMOTE_PREFIX + name + "\"", option, value);
        }
        write(file, doc);
    }

    /** Removes a remote from both files, and the default that names it, as {@code dvc remote remove} does. */
    public static void removeRemote(Path dvcDir, String name) {
        requireRemote(dvcDir, name);
        for (String level : new String[] {"config", "config.local"}) {
            Path file = dvcDir.resolve(level);
            IniDocument doc = read(file);
            boolean changed = doc.removeSection(REMOTE_PREFIX + name + "\"");
            if (name.equals(doc.section("core").get("remote"))) {
                changed |= doc.remove("core", "remote");
            }
            if (changed) {
                write(file, doc);
            }
        }
    }

    /** Sets (or with null clears) {@code core.remote} in config, or config.local with {@code local}. */
    public static void setDefaultRemote(Path dvcDir, boolean local, String name) {
        Path file = dvcDir.resolve(local ? "config.local" : "config");
        IniDocument doc = read(file);
        if (name == null) {
            if (!doc.remove("core", "remote")) {
                throw new InvalidInputException(file, "core.remote", "is not set here; nothing to unset");
            }
        } else {
            requireRemote(dvcDir, name);
            doc.set("core", "remote", name);
        }
        write(file, doc);
    }

    private static void requireRemote(Path dvcDir, String name) {
        DvcConfig config = load(dvcDir);
        if (!config.remoteNames().contains(name)) {
            throw new InvalidInputException(dvcDir.resolve("config").toString(), "remote \"" + name + "\"",
                    "remote '" + name + "' is not defined (known: " + config.remoteNames() + ")");
        }
    }

    /** The URL each remote has after config.local is overlaid, in name order. */
    public Map<String, String> remoteUrls() {
        Map<String, String> urls = new LinkedHashMap<>();
        for (String name : remoteNames()) {
            urls.put(name, merged.section(REMOTE_PREFIX + name + "\"").get("url"));
        }
        return urls;
    }

    private static void write(Path file, IniDocument doc) {
        try {
            DvcDirectory.ensure(file.getParent());
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
        write(file, doc);
    }

    /** The section/key view of the committed file only (for tools that show what is shared). */
    public IniDocument sharedDocument() {
        return shared;
    }
}
