package io.mlci.core.registry;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.mlci.core.InvalidInputException;
import io.mlci.core.MlciException;
import io.mlci.core.run.record.OutputFile;
import io.mlci.core.run.record.RunRecord;
import io.mlci.core.run.store.RunStore;
import io.mlci.core.storage.BlobNotFoundException;
import io.mlci.core.storage.BlobStore;

import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The model registry, kept in the run store next to the runs. Everything is create-only:
 *
 * <pre>
 * registry/NAME/versions/0000000003.json       a version (the number is claimed with create-if-absent)
 * registry/NAME/events/MILLIS-RANDOM.json     register, promote, demote, rollback, deploy-failed
 * </pre>
 *
 * Aliases are not stored as mutable pointers: an alias points where the newest event about it
 * says. Concurrent registrations each claim the next free number and retry on collision, so two
 * never get the same one; concurrent promotions are both recorded and the later one holds.
 */
public final class ModelRegistry {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int CLAIM_ATTEMPTS = 1000;

    private final RunStore store;
    private final BlobStore blobs;

    public ModelRegistry(RunStore store) {
        this.store = store;
        this.blobs = store.blobs();
    }

    public String describe() {
        return store.describe() + " (registry)";
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
                        reason != null ? reason : "registered run " + run.id(), actor.buildUrl()));
                return version;
            }
        }
        throw new MlciException("could not claim a version number for " + model + " in " + describe());
    }

    /** Points the alias (a stage) at the version; the event records where it pointed before. */
    public RegistryEvent promote(ModelRef ref, String alias, Actor actor, String why) {
        checkAlias(alias);
        ModelVersion version = version(ref);
        Integer previous = aliases(version.model()).get(alias);
        return append(new RegistryEvent(version.model(), "promote", version.version(), alias, previous, Instant.now().toString(),
                actor.name(), why, actor.buildUrl()));
    }

    /** Removes the alias. */
    public RegistryEvent demote(String model, String alias, Actor actor, String why) {
        Integer current = aliases(model).get(alias);
        if (current == null) {
            throw new InvalidInputException(model + "@" + alias, null, "points at no version");
        }
        return append(new RegistryEvent(model, "demote", current, alias, current, Instant.now().toString(), actor.name(), why,
                actor.buildUrl()));
    }

    /** Points the alias back at the version that held it before the current one. */
    public RegistryEvent rollback(String model, String alias, Actor actor, String why) {
        List<Integer> held = new ArrayList<>();
        for (RegistryEvent event : history(model)) {
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
                        actor.name(), why, actor.buildUrl()));
            }
        }
        throw new InvalidInputException(model + "@" + alias, null, "has held no other version; nothing to roll back to");
    }

    /** Points the alias back at a given version, as a rollback event (after a failed deployment). */
    RegistryEvent restoreAlias(String model, String alias, int version, Integer current, Actor actor, String why) {
        return append(new RegistryEvent(model, "rollback", version, alias, current, Instant.now().toString(), actor.name(), why,
                actor.buildUrl()));
    }

    /** Records a failed deployment (the caller rolls the alias back). */
    RegistryEvent deployFailed(ModelVersion version, String alias, Actor actor, String why) {
        return append(new RegistryEvent(version.model(), "deploy-failed", version.version(), alias, null,
                Instant.now().toString(), actor.name(), why, actor.buildUrl()));
    }

    private RegistryEvent append(RegistryEvent event) {
        String key = "registry/" + event.model() + "/events/" + String.format("%015d", Instant.parse(event.at()).toEpochMilli())
                + "-" + String.format("%08x", RANDOM.nextInt()) + ".json";
        if (!blobs.putIfAbsent(key, bytes(event))) {
            throw new MlciException("event " + key + " already exists in " + describe());
        }
        return event;
    }

    // ------------------------------------------------------------------ reading

    /** Every model name. */
    public List<String> models() {
        TreeSet<String> names = new TreeSet<>();
        for (String key : blobs.list("registry/")) {
            String rest = key.substring("registry/".length());
            int slash = rest.indexOf('/');
            if (slash > 0) {
                names.add(rest.substring(0, slash));
            }
        }
        return new ArrayList<>(names);
    }

    public List<ModelVersion> versions(String model) {
        List<ModelVersion> versions = new ArrayList<>();
        for (String key : blobs.list("registry/" + model + "/versions/")) {
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
                        ? "the alias points at no version; aliases of " + ref.model() + ": " + aliases(ref.model())
                        : "no model named " + ref.model() + " in " + describe());
            }
            number = aliased;
        }
        try (InputStream in = blobs.open(versionKey(ref.model(), number))) {
            return JSON.readValue(in, ModelVersion.class);
        } catch (BlobNotFoundException e) {
            throw new InvalidInputException(ref.toString(), null, models().contains(ref.model())
                    ? "no such version; " + ref.model() + " has versions 1.." + highestVersion(ref.model())
                    : "no model named " + ref.model() + " in " + describe());
        } catch (IOException e) {
            throw new MlciException(describe() + ": " + ref + " is unreadable: " + e.getMessage(), e);
        }
    }

    /** The model's history, oldest first. */
    public List<RegistryEvent> history(String model) {
        List<String> keys = new ArrayList<>(blobs.list("registry/" + model + "/events/"));
        keys.sort(null);
        List<RegistryEvent> events = new ArrayList<>();
        for (String key : keys) {
            events.add(read(key, RegistryEvent.class));
        }
        return events;
    }

    /** Alias -> version, replaying the history. */
    public Map<String, Integer> aliases(String model) {
        return aliasesOf(history(model));
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
            Map<String, Integer> aliases = aliasesOf(history);
            java.util.Collections.reverse(history);
            List<ModelVersion> versions = new ArrayList<>(versions(model));
            java.util.Collections.reverse(versions);
            overview.add(new ModelOverview(model, aliases, versions, history));
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

    private int highestVersion(String model) {
        int highest = 0;
        for (String key : blobs.list("registry/" + model + "/versions/")) {
            String name = key.substring(key.lastIndexOf('/') + 1).replace(".json", "");
            if (name.matches("\\d+")) {
                highest = Math.max(highest, Integer.parseInt(name));
            }
        }
        return highest;
    }

    private static String versionKey(String model, int version) {
        return "registry/" + model + "/versions/" + String.format("%010d", version) + ".json";
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
            throw new MlciException(describe() + ": " + key + " is unreadable: " + e.getMessage(), e);
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
