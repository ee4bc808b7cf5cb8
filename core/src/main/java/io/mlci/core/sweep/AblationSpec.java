package io.mlci.core.sweep;

import java.util.List;

/**
 * {@code ablation:} in mlci.yaml: leave-one-out over features and model components. Each
 * dimension names a list param in the params files; a trial rewrites that list without one of
 * its items, so the training script reads its usual params and needs no change.
 *
 * @param dimensions  features, then components
 * @param objective   null = the sweep's objective
 * @param maxParallel trials at once
 */
public record AblationSpec(List<Dimension> dimensions, Objective objective, int maxParallel) {

    public AblationSpec {
        dimensions = List.copyOf(dimensions);
    }

    /**
     * @param kind  "feature" or "component", for tables
     * @param param the dotted list param the items are removed from
     * @param items the items to leave out one at a time; empty = every item of the param
     */
    public record Dimension(String kind, String param, List<String> items) {
        public Dimension {
            items = List.copyOf(items);
        }
    }
}
