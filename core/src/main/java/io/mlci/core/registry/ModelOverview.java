package io.mlci.core.registry;

import java.util.List;
import java.util.Map;

/**
 * One model as a models page shows it: its stages, its versions (newest first) and its history
 * (newest first), each pointing back to the CI build that made or moved it.
 *
 * @param aliases stage or alias → the version it points at
 */
public record ModelOverview(String model, Map<String, Integer> aliases, List<ModelVersion> versions,
                            List<RegistryEvent> history) {

    public ModelOverview {
        aliases = Map.copyOf(aliases);
        versions = List.copyOf(versions);
        history = List.copyOf(history);
    }

    /** The aliases that point at a version, e.g. [production] — for a versions table's stage column. */
    public List<String> aliasesOf(int version) {
        return aliases.entrySet().stream().filter(e -> e.getValue() == version).map(Map.Entry::getKey).sorted().toList();
    }
}
