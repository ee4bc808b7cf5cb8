package io.mlci.core.sweep;

import io.mlci.core.InvalidInputException;
import io.mlci.core.config.MlciYaml;
import org.junit.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

public class StudyYamlTest {

    @Test
    public void shouldReadAGridSweepWithItsValuesTyped() {
        SweepSpec spec = StudyYaml.parseSweep("mlci.yaml", """
                params:
                  train.lr: [0.01, 0.1]
                  train.depth: [3, 5]
                  train.optimizer: [adam, 'sgd']
                  train.tag: ['0.5']
                objective: {metric: auc, goal: max}
                maxParallel: 2
                """);

        assertThat(spec.strategy()).isEqualTo(SweepSpec.Strategy.GRID);
        assertThat(spec.params().keySet()).containsExactly("train.lr", "train.depth", "train.optimizer", "train.tag");
        assertThat(((ParamSpace.Choices) spec.params().get("train.lr")).values()).containsExactly("0.01", "0.1");
        assertThat(((ParamSpace.Choices) spec.params().get("train.optimizer")).values()).containsExactly("\"adam\"", "\"sgd\"");
        assertThat(((ParamSpace.Choices) spec.params().get("train.tag")).values())
                .as("a quoted number stays a string").containsExactly("\"0.5\"");
        assertThat(spec.objective()).isEqualTo(new Objective("auc", Objective.Goal.MAX));
        assertThat(spec.maxParallel()).isEqualTo(2);
        assertThat(spec.earlyStop()).isNull();
    }

    @Test
    public void shouldReadRandomSearchWithRangesSeedAndEarlyStopping() {
        SweepSpec spec = StudyYaml.parseSweep("step", """
                params:
                  train.lr: {min: 0.0001, max: 0.1, log: true}
                  train.layers: {min: 1, max: 8, int: true}
                strategy: random
                trials: 6
                seed: 7
                objective: {metric: loss, goal: min}
                earlyStop: {metric: val_loss, minTrials: 3}
                """);

        assertThat(spec.strategy()).isEqualTo(SweepSpec.Strategy.RANDOM);
        assertThat(spec.trials()).isEqualTo(6);
        assertThat(spec.seed()).isEqualTo(7);
        assertThat(spec.params().get("train.lr")).isEqualTo(new ParamSpace.Range(0.0001, 0.1, true, false));
        assertThat(spec.earlyStop()).isEqualTo(new EarlyStop("val_loss", 3, EarlyStop.DEFAULT_MIN_STEPS));
    }

    @Test
    public void shouldNameTheFileLineAndFieldOfEveryMistake() {
        assertThatThrownBy(() -> StudyYaml.parseSweep("mlci.yaml", "params: {a: [1]}\n"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("objective");
        assertThatThrownBy(() -> StudyYaml.parseSweep("mlci.yaml", """
                params:
                  train.lr: {min: 0.1, max: 1}
                objective: {metric: auc, goal: max}
                """)).hasMessageContaining("mlci.yaml:2").hasMessageContaining("strategy: random");
        assertThatThrownBy(() -> StudyYaml.parseSweep("mlci.yaml", """
                params: {a: [1, 2]}
                strategy: random
                objective: {metric: auc, goal: max}
                """)).hasMessageContaining("trials");
        assertThatThrownBy(() -> StudyYaml.parseSweep("mlci.yaml", """
                params: {a: [1, 2]}
                objective: {metric: auc, goal: up}
                """)).hasMessageContaining("objective.goal").hasMessageContaining("max, min");
        assertThatThrownBy(() -> StudyYaml.parseSweep("mlci.yaml", """
                params: {a: [1, 2]}
                objective: {metric: auc, goal: max}
                maxParalel: 3
                """)).hasMessageContaining("did you mean 'maxParallel'");
        assertThatThrownBy(() -> StudyYaml.parseSweep("mlci.yaml", """
                params: {a: []}
                objective: {metric: auc, goal: max}
                """)).hasMessageContaining("params.a").hasMessageContaining("at least one value");
    }

    @Test
    public void shouldReadAnAblationInShortAndLongForm() {
        Study study = new Study(null, StudyYaml.ablation(io.mlci.core.config.YamlNode.parse("mlci.yaml", """
                features: [col_a, col_b]
                components: {param: model.blocks, items: [attention]}
                objective: {metric: auc, goal: max}
                """)));

        assertThat(study.ablation().dimensions()).containsExactly(
                new AblationSpec.Dimension("feature", "features", java.util.List.of("col_a", "col_b")),
                new AblationSpec.Dimension("component", "model.blocks", java.util.List.of("attention")));
        assertThat(study.ablationObjective().metric()).isEqualTo("auc");
    }

    @Test
    public void shouldBeAcceptedByTheMlciYamlValidator() {
        MlciYaml.parse("mlci.yaml", """
                train: {command: python train.py}
                sweep:
                  params: {train.lr: [0.1]}
                  objective: {metric: auc, goal: max}
                ablation:
                  features: [a]
                """);
    }
}
