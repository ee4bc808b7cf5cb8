package io.mlci.core.registry;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One model as a models page shows it: its stages, its versions (newest first) and its history
 * (newest first), each pointing back to the CI build that made or moved it, and how far the reader
 * trusts each.
 *
 * @param aliases   stage or alias → the version it points at (replaying only the events the reader trusts)
 * @param trust     for each history entry, in the same order, how the reader sees it ("signed",
 *                  "UNSIGNED, ignored", "BAD SIGNATURE, ignored", ...)
 * @param untrusted versions no event signed with the reader's key registered; empty without a key
 */
public record ModelOverview(String model, Map<String, Integer> aliases, List<ModelVersion> versions,
                            List<RegistryEvent> history, List<String> trust, Set<Integer> untrusted) {

    public ModelOverview {
        aliases = Map.copyOf(aliases);
        versions = List.copyOf(versions);
        history = List.copyOf(history);
        trust = List.copyOf(trust);
        untrusted = Set.copyOf(untrusted);
        if (trust.size() != history.size()) {
            throw new IllegalArgumentException("one trust label per history entry");
        }
    }

    /** The aliases that point at a version, e.g. [production] — for a versions table's stage column. */
    public List<String> aliasesOf(int version) {
        return aliases.entrySet().stream().filter(e -> e.getValue() == version).map(Map.Entry::getKey).sorted().toList();
    }

    /** How the reader sees the history entry at {@code index}. */
    public String trustOf(int index) {
        return trust.get(index);
    }

    /** Whether the version was registered by no event the reader's key verifies (it is then not used). */
    public boolean isUntrusted(int version) {
        return untrusted.contains(version);
    }
}
