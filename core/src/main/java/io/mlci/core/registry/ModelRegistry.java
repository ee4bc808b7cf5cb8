package io.mlci.core.registry;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.mlci.core.json.ParserLimits;
import io.mlci.core.InvalidInputException;
import io.mlci.core.MlciException;
import io.mlci.core.run.record.OutputFile;
import io.mlci.core.run.record.RunRecord;
import io.mlci.core.run.store.RunStore;
import io.mlci.core.run.store.RunStores;
import io.mlci.core.storage.BlobNotFoundException;
import io.mlci.core.storage.BlobStore;
import io.mlci.core.storage.PrefixedBlobStore;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The model registry, by default under {@code registry/} of the run store, or at its own location
 * ({@code registry.url}) that only trusted jobs can write. Everything is create-only:
 *
 * <pre>
 * NAME/versions/0000000003.json   a version (the number is claimed with create-if-absent)
 * NAME/log/0000000012.json        register, promote, demote, rollback, deploy-failed: the sequence
 *                                 number is claimed with create-if-absent too
 * NAME/events/MILLIS-RANDOM.json  events written before sequences, read first
 * </pre>
 *
 * Aliases are not stored as mutable pointers: an alias points where the last event about it in
 * the sequence says — never where a timestamp says, which any writer can date in the future.
 * Concurrent writers each claim the next free number and retry on collision. With
 * {@code MLCI_REGISTRY_KEY}, events are signed, and readers holding the key replay only events
 * signed with it and accept only versions a signed event registered. Pull-request builds cannot
 * write at all.
 */
public final class ModelRegistry implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper(ParserLimits.jsonFactory(ParserLimits.DOCUMENT_BYTES)).enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final int CLAIM_ATTEMPTS = 1000;
    /** Marks, in memory only, an event whose body names another sequence number than its key. */
    private static final String MISPLACED = "misplaced";

    /** The canonical form an event is signed in: compact, properties in a fixed order. */
    private static final ObjectMapper CANONICAL = new ObjectMapper().configure(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY, true);

    private final RunStore store;
    private final BlobStore blobs;
    private final RegistryKey key;
    /** The registry's own location when this registry opened it, closed with it; else null. */
    private BlobStore owned;

    /** The registry under the store's {@code registry/} prefix, reading without a key. */
    public ModelRegistry(RunStore store) {
        this(store, new PrefixedBlobStore(store.trusted().blobs(), "registry"), null);
    }

    /**
     * @param registry where the registry lives (its own location, or the store's {@code registry/} prefix)
     * @param key      the signing key, or null: events are then written unsigned and read unchecked
     */
    public ModelRegistry(RunStore store, BlobStore registry, RegistryKey key) {
        this.store = store;
        this.blobs = registry;
        this.key = key;
    }

    /** The registry a command uses: {@code registry.url} when set, else the store's; the key from the environment. */
    public static ModelRegistry open(RunStore store, BlobStore registryLocation, Map<String, String> environment) {
        return new ModelRegistry(store, registryLocation != null ? registryLocation
                : new PrefixedBlobStore(store.trusted().blobs(), "registry"), RegistryKey.from(environment).orElse(null));
    }

    /**
     * The registry at {@code url} ({@code registry.url}: a directory or {@code s3://bucket/prefix},
     * reached like the store) or, when null, the store's {@code registry/} prefix; events checked
     * (and signed) with {@code MLCI_REGISTRY_KEY} of the environment when it holds one. Close it:
     * it owns the location it opened.
     *
     * @param base what a relative directory is relative to
     */
    public static ModelRegistry open(RunStore store, String url, Path base, Map<String, String> environment) {
        BlobStore location = url == null || url.isBlank() ? null : RunStores.openLocation(url.trim(), base, environment);
        ModelRegistry registry = open(store, location, environment);
        registry.owned = location;
        return registry;
    }

    @Override
    public void close() {
        if (owned != null) {
            owned.close();
        }
    }

    /**
     * How a reader sees the event, e.g. "signed", "UNSIGNED, ignored": with a key, an event not
     * signed with it is shown and left out of the stages.
     */
    public String trustLabel(RegistryEvent event) {
        RegistryEvent.Trust trust = trust(event);
        return trust.label() + (signs() && trust != RegistryEvent.Trust.VERIFIED ? ", ignored" : "");
    }

    public String describe() {
        return blobs.describe() + " (registry)";
    }

    /** Whether events are signed and checked here. */
    public boolean signs() {
        return key != null;
    }

    // ------------------------------------------------------------------ writing

    /**
     * Registers the run's outputs as the model's next version. A run whose latest gate verdict is
     * not "passed" is refused unless forced with a reason, which is recorded. A run already
     * registered under the name is not registered again: its existing version is returned, so a
     * retried pipeline step cannot make two versions of one model.
     */
    public ModelVersion register(RunRecord run, String model, Actor actor, boolean force, String reason) {
        return register(run, model, actor, force, reason, null);
    }

    /**
     * Registers one artifact of the run (dvc.yaml's {@code artifacts}): the version holds only the
     * outputs at the artifact's path, and carries its type, description and labels. A null
     * artifact registers every output.
     */
    public ModelVersion register(RunRecord run, String model, Actor actor, boolean force, String reason,
                                 ModelArtifact artifact) {
        requireTrustedWriter(actor, "register");
        ModelRef.checkName(model, model);
        java.util.Optional<ModelVersion> existing = versionOfRun(model, run.id());
        if (existing.isPresent()) {
            return existing.get();
        }
        if (!run.status().hasOutputs() || run.outputs().isEmpty()) {
            throw new InvalidInputException(run.id(), null, "the run " + run.status().label() + " and has no outputs to register");
        }
        List<OutputFile> outputs = artifact == null ? run.outputs() : run.outputs().stream()
                .filter(out -> out.path().equals(artifact.path()) || out.path().startsWith(artifact.path() + "/")).toList();
        if (outputs.isEmpty()) {
            throw new InvalidInputException(run.id(), null, "the run has no output at '" + artifact.path()
                    + "' (artifact '" + artifact.name() + "' of dvc.yaml); its outputs: "
                    + String.join(", ", run.outputs().stream().map(OutputFile::path).toList()));
        }
        String verdict = store.latestFact(run.id(), "gate").map(f -> f.body().path("verdict").asText()).orElse(null);
        if (!"passed".equals(verdict)) {
            if (!force || reason == null || reason.isBlank()) {
                throw new InvalidInputException(run.id(), null, verdict == null
                        ? "the run was never gated; run 'mlci gate --run " + run.id() + "' first, or register with --force --reason"
                        : "the run's gate " + verdict + "; register it anyway only with --force --reason \"why\"");
            }
        }
        for (int attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
            int number = highestVersion(model) + 1; // listed afresh: a collision means someone just took it
            ModelVersion version = new ModelVersion(model, number, run.id(), run.runKey(), run.source().commit(),
                    run.source().branch(), outputs, run.metrics(), Instant.now().toString(), actor.name(),
                    actor.buildUrl(), verdict, reason, artifact);
            if (blobs.putIfAbsent(versionKey(model, number), bytes(version))) {
                append(new RegistryEvent(model, "register", number, null, null, version.registeredAt(), actor.name(),
                        reason != null ? reason : "registered run " + run.id(), actor.buildUrl()), actor);
                return version;
            }
        }
        throw new MlciException("could not claim a version number for " + model + " in " + describe());
    }

    /** Points the alias (a stage) at the version; the event records where it pointed before. */
    public RegistryEvent promote(ModelRef ref, String alias, Actor actor, String why) {
        requireTrustedWriter(actor, "promote");
        checkAlias(alias);
        ModelVersion version = version(ref);
        Integer previous = aliases(version.model()).get(alias);
        return append(new RegistryEvent(version.model(), "promote", version.version(), alias, previous, Instant.now().toString(),
                actor.name(), why, actor.buildUrl()), actor);
    }

    /** Removes the alias. */
    public RegistryEvent demote(String model, String alias, Actor actor, String why) {
        requireTrustedWriter(actor, "demote");
        Integer current = aliases(model).get(alias);
        if (current == null) {
            throw new InvalidInputException(model + "@" + alias, null, "points at no version");
        }
        return append(new RegistryEvent(model, "demote", current, alias, current, Instant.now().toString(), actor.name(), why,
                actor.buildUrl()), actor);
    }

    /** Points the alias back at the version that held it before the current one. */
    public RegistryEvent rollback(String model, String alias, Actor actor, String why) {
        requireTrustedWriter(actor, "roll back");
        List<Integer> held = new ArrayList<>();
        for (RegistryEvent event : replayed(history(model))) {
            if (alias.equals(event.alias()) && !event.type().equals("demote")) {
                held.add(event.version());
            }
        }
        Integer current = aliases(model).get(alias);
        if (current == null) {
            throw new InvalidInputException(model + "@" + alias, null, "points at no version; nothing to roll back");
        }
        for (int i = held.size() - 1; i >= 0; i--) {
            if (!held.get(i).equals(current)) {
                return append(new RegistryEvent(model, "rollback", held.get(i), alias, current, Instant.now().toString(),
                        actor.name(), why, actor.buildUrl()), actor);
            }
        }
        throw new InvalidInputException(model + "@" + alias, null, "has held no other version; nothing to roll back to");
    }

    /** Points the alias back at a given version, as a rollback event (after a failed deployment). */
    RegistryEvent restoreAlias(String model, String alias, int version, Integer current, Actor actor, String why) {
        return append(new RegistryEvent(model, "rollback", version, alias, current, Instant.now().toString(), actor.name(), why,
                actor.buildUrl()), actor);
    }

    /** Records a failed deployment (the caller rolls the alias back). */
    RegistryEvent deployFailed(ModelVersion version, String alias, Actor actor, String why) {
        return append(new RegistryEvent(version.model(), "deploy-failed", version.version(), alias, null,
                Instant.now().toString(), actor.name(), why, actor.buildUrl()), actor);
    }

    /** Claims the next sequence number of the model's history for the event, signed when there is a key. */
    private RegistryEvent append(RegistryEvent event, Actor actor) {
        requireTrustedWriter(actor, event.type());
        for (int attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
            long number = highestSequence(event.model()) + 1; // listed afresh: a collision means someone just took it
            RegistryEvent numbered = event.numbered(number);
            RegistryEvent written = key == null ? numbered : numbered.signed(key.sign(canonical(numbered)));
            if (blobs.putIfAbsent(logKey(event.model(), number), bytes(written))) {
                return written;
            }
        }
        throw new MlciException("could not claim a place in the history of " + event.model() + " in " + describe());
    }

    /** Pull-request builds run code their author wrote; they never write what later builds and deployments trust. */
    static void requireTrustedWriter(Actor actor, String action) {
        if (actor.inPullRequest()) {
            throw new InvalidInputException("CHANGE_ID=" + actor.changeId(), null, "a pull-request build cannot " + action
                    + " model versions: the registry is written only by main-branch and promotion jobs");
        }
    }

    // ------------------------------------------------------------------ reading

    /** Every model name. */
    public List<String> models() {
        TreeSet<String> names = new TreeSet<>();
        for (String key : blobs.list("")) {
            String rest = key;
            int slash = rest.indexOf('/');
            if (slash > 0) {
                names.add(rest.substring(0, slash));
            }
        }
        return new ArrayList<>(names);
    }

    public List<ModelVersion> versions(String model) {
        List<ModelVersion> versions = new ArrayList<>();
        for (String key : blobs.list(model + "/versions/")) {
            versions.add(read(key, ModelVersion.class));
        }
        versions.sort(Comparator.comparingInt(ModelVersion::version));
        return versions;
    }

    /** The version the run is registered as under the name, if it is. */
    public java.util.Optional<ModelVersion> versionOfRun(String model, String runId) {
        return versions(model).stream().filter(version -> version.runId().equals(runId)).findFirst();
    }

    /** The version a reference names (for a bare name: its newest); fails, naming it, when there is none. */
    public ModelVersion version(ModelRef ref) {
        int number;
        if (ref.isLatest()) {
            number = highestVersion(ref.model());
            if (number == 0) {
                throw new InvalidInputException(ref.model(), null, "no model named " + ref.model() + " in " + describe()
                        + (models().isEmpty() ? "" : "; models: " + String.join(", ", models())));
            }
        } else if (ref.version() != null) {
            number = ref.version();
        } else {
            Integer aliased = aliases(ref.model()).get(ref.alias());
            if (aliased == null) {
                throw new InvalidInputException(ref.toString(), null, models().contains(ref.model())
                        ? "the alias points at no version; " + describeAliases(ref.model(), aliases(ref.model()))
                        + (ref.alias().matches("[0-9]+") ? "; a version is written " + ref.model() + "/" + ref.alias() : "")
                        : "no model named " + ref.model() + " in " + describe());
            }
            number = aliased;
        }
        if (key != null && !registeredBySignedEvent(ref.model(), number)) {
            throw new InvalidInputException(ref.toString(), null, "version " + number + " was not registered by an event "
                    + "signed with MLCI_REGISTRY_KEY; it is not trusted (see 'mlci model history " + ref.model() + "')");
        }
        try (InputStream in = blobs.open(versionKey(ref.model(), number))) {
            return JSON.readValue(in, ModelVersion.class);
        } catch (BlobNotFoundException e) {
            throw new InvalidInputException(ref.toString(), null, models().contains(ref.model())
                    ? "no such version; " + ref.model() + " has versions 1.." + highestVersion(ref.model())
                    : "no model named " + ref.model() + " in " + describe());
        } catch (IOException e) {
            throw new MlciException(describe() + ": " + ref + " is unreadable: " + io.mlci.core.json.JsonProblems.describe(e), e);
        }
    }

    /**
     * The model's history in order: events written before sequences (by key), then the numbered
     * ones by their sequence. Untrusted events are included; {@link #trust} says which.
     */
    public List<RegistryEvent> history(String model) {
        List<String> legacy = new ArrayList<>(blobs.list(model + "/events/"));
        legacy.sort(null);
        List<RegistryEvent> events = new ArrayList<>();
        for (String key : legacy) {
            events.add(read(key, RegistryEvent.class));
        }
        TreeMap<Long, String> numbered = new TreeMap<>();
        for (String key : blobs.list(model + "/log/")) {
            Long number = sequenceOf(key);
            if (number != null) {
                numbered.put(number, key);
            }
        }
        for (Map.Entry<Long, String> entry : numbered.entrySet()) {
            RegistryEvent event = read(entry.getValue(), RegistryEvent.class);
            // a body that claims another place than its key is not believed, signed or not
            events.add(entry.getKey().equals(event.sequence()) ? event : event.signed(MISPLACED));
        }
        return events;
    }

    /** Whether this reader trusts the event. */
    public RegistryEvent.Trust trust(RegistryEvent event) {
        if (event.signature() == null) {
            return RegistryEvent.Trust.UNSIGNED;
        }
        if (MISPLACED.equals(event.signature())) {
            return RegistryEvent.Trust.BAD_SIGNATURE;
        }
        if (key == null) {
            return RegistryEvent.Trust.NOT_CHECKED;
        }
        return key.verifies(canonical(event.signed(null)), event.signature())
                ? RegistryEvent.Trust.VERIFIED : RegistryEvent.Trust.BAD_SIGNATURE;
    }

    /** The events that count: all of them without a key; with one, only those signed with it. */
    private List<RegistryEvent> replayed(List<RegistryEvent> history) {
        if (key == null) {
            return history.stream().filter(e -> !MISPLACED.equals(e.signature())).toList();
        }
        return history.stream().filter(e -> trust(e) == RegistryEvent.Trust.VERIFIED).toList();
    }

    private boolean registeredBySignedEvent(String model, int version) {
        return replayed(history(model)).stream()
                .anyMatch(e -> e.type().equals("register") && e.version() != null && e.version() == version);
    }

    /** Alias -> version, replaying the history (only its trusted events). */
    public Map<String, Integer> aliases(String model) {
        return aliasesOf(replayed(history(model)));
    }

    /** e.g. "aliases of clf: production -> v3, staging -> v4", or "clf has no aliases", for people. */
    public static String describeAliases(String model, Map<String, Integer> aliases) {
        if (aliases.isEmpty()) {
            return model + " has no aliases";
        }
        return "aliases of " + model + ": " + String.join(", ", aliases.entrySet().stream()
                .map(alias -> alias.getKey() + " -> v" + alias.getValue()).toList());
    }

    private static Map<String, Integer> aliasesOf(List<RegistryEvent> history) {
        Map<String, Integer> aliases = new LinkedHashMap<>();
        for (RegistryEvent event : history) {
            switch (event.type()) {
                case "promote", "rollback" -> aliases.put(event.alias(), event.version());
                case "demote" -> aliases.remove(event.alias());
                default -> {
                }
            }
        }
        return aliases;
    }

    /** Every model with its stages, versions and history, newest first: what a models page shows. */
    public List<ModelOverview> overview() {
        List<ModelOverview> overview = new ArrayList<>();
        for (String model : models()) {
            List<RegistryEvent> history = new ArrayList<>(history(model));
            Map<String, Integer> aliases = aliasesOf(replayed(history));
            java.util.Collections.reverse(history);
            List<ModelVersion> versions = new ArrayList<>(versions(model));
            java.util.Collections.reverse(versions);
            java.util.Set<Integer> untrusted = new java.util.TreeSet<>();
            if (signs()) {
                versions.stream().map(ModelVersion::version).filter(v -> !registeredBySignedEvent(model, v)).forEach(untrusted::add);
            }
            overview.add(new ModelOverview(model, aliases, versions, history, history.stream().map(this::trustLabel).toList(),
                    untrusted));
        }
        return overview;
    }

    /** Run id -> "model vN (aliases)" for every registered version: for the dashboard's lineage. */
    public Map<String, List<String>> versionsByRun() {
        Map<String, List<String>> byRun = new LinkedHashMap<>();
        for (String model : models()) {
            Map<String, Integer> aliases = aliases(model);
            for (ModelVersion version : versions(model)) {
                List<String> held = aliases.entrySet().stream().filter(e -> e.getValue() == version.version())
                        .map(Map.Entry::getKey).toList();
                byRun.computeIfAbsent(version.runId(), k -> new ArrayList<>())
                        .add(model + " v" + version.version() + (held.isEmpty() ? "" : " (" + String.join(", ", held) + ")"));
            }
        }
        return byRun;
    }

    private long highestSequence(String model) {
        long highest = 0;
        for (String key : blobs.list(model + "/log/")) {
            Long number = sequenceOf(key);
            if (number != null) {
                highest = Math.max(highest, number);
            }
        }
        return highest;
    }

    private static Long sequenceOf(String key) {
        String name = key.substring(key.lastIndexOf('/') + 1);
        return name.matches("\\d{1,18}\\.json") ? Long.valueOf(name.substring(0, name.length() - 5)) : null;
    }

    private static String logKey(String model, long sequence) {
        return model + "/log/" + String.format("%010d", sequence) + ".json";
    }

    private int highestVersion(String model) {
        int highest = 0;
        for (String key : blobs.list(model + "/versions/")) {
            String name = key.substring(key.lastIndexOf('/') + 1).replace(".json", "");
            if (name.matches("\\d+")) {
                highest = Math.max(highest, Integer.parseInt(name));
            }
        }
        return highest;
    }

    private static String versionKey(String model, int version) {
        return model + "/versions/" + String.format("%010d", version) + ".json";
    }

    private static void checkAlias(String alias) {
        if (alias == null || !alias.matches("[A-Za-z][A-Za-z0-9_-]*")) {
            throw new InvalidInputException(String.valueOf(alias), null, "aliases are a letter then letters, digits, '_' or '-'");
        }
    }

    private <T> T read(String key, Class<T> type) {
        try (InputStream in = blobs.open(key)) {
            return JSON.readValue(in, type);
        } catch (IOException e) {
            throw new MlciException(describe() + ": " + key + " is unreadable: " + io.mlci.core.json.JsonProblems.describe(e), e);
        }
    }

    private static byte[] canonical(RegistryEvent event) {
        try {
            return CANONICAL.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new MlciException("cannot serialise " + event + ": " + e.getMessage(), e);
        }
    }

    private static byte[] bytes(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new MlciException("cannot serialise " + value + ": " + e.getMessage(), e);
        }
    }

}
