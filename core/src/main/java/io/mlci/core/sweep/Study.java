package io.mlci.core.sweep;

/**
 * What mlci.yaml declares for experiments: a sweep, an ablation, both or neither.
 *
 * @param sweep    null when mlci.yaml has no {@code sweep:}
 * @param ablation null when mlci.yaml has no {@code ablation:}
 */
public record Study(SweepSpec sweep, AblationSpec ablation) {

    public boolean isEmpty() {
        return sweep == null && ablation == null;
    }

    /** The ablation's own objective, else the sweep's; null when neither names one. */
    public Objective ablationObjective() {
        if (ablation != null && ablation.objective() != null) {
            return ablation.objective();
        }
        return sweep == null ? null : sweep.objective();
    }
}
