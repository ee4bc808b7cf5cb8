package io.mlci.core.config;

/**
 * Everything mlci.yaml says, with defaults filled in. The {@code gate:} section is kept as a
 * located YAML tree: its keys are checked here, its rules by the gate, which knows their grammar.
 *
 * @param source "mlci.yaml" or "(defaults)" when the repository has none
 * @param model      registry name; null = the repository's directory name
 * @param deploy     command run when a version is promoted; null = none
 * @param store  run store URL or directory; null = {@code .mlci/} in the repository
 * @param cost   prices of the training machines
 * @param registry the model registry's own location ({@code registry.url}); null = the store's {@code registry/} prefix
 * @param evaluate how a pull request's model is evaluated by the target's code ({@code evaluate:}); never null
 */
public record MlciConfig(String source, DataConfig data, TrainConfig train, MetricsConfig metrics, YamlNode gate,
                         String model, TrainingCommand deploy, String store,
                         CostConfig cost, String registry, EvaluateConfig evaluate) {

    /** The same configuration with another {@code train:} section. */
    public MlciConfig withTrain(TrainConfig newTrain) {
        return new MlciConfig(source, data, newTrain, metrics, gate, model, deploy, store, cost, registry, evaluate);
    }
}
