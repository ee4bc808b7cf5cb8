package io.mlci.core.sweep;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlci.core.InvalidInputException;
import io.mlci.core.run.params.Params;
import org.junit.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

public class TrialPlannerTest {

    private static final Objective AUC = new Objective("auc", Objective.Goal.MAX);

    @Test
    public void shouldExpandAGridWithTheFirstParamVaryingSlowest() {
        SweepSpec spec = new SweepSpec(new java.util.LinkedHashMap<>(Map.of("train.lr", choices("0.01", "0.1"))),
                SweepSpec.Strategy.GRID, 0, 0, 4, AUC, null);
        SweepSpec two = withParams(spec, "train.lr", choices("0.01", "0.1"), "train.depth", choices("3", "5"));

        List<Trial> trials = TrialPlanner.sweep(two);

        assertThat(trials).extracting(Trial::name).containsExactly("t1", "t2", "t3", "t4");
        assertThat(trials).extracting(Trial::describe).containsExactly(
                "train.lr=0.01 train.depth=3", "train.lr=0.01 train.depth=5",
                "train.lr=0.1 train.depth=3", "train.lr=0.1 train.depth=5");
    }

    @Test
    public void shouldDrawTheSameDistinctRandomTrialsForTheSameSeed() {
        SweepSpec spec = new SweepSpec(Map.of(), SweepSpec.Strategy.RANDOM, 5, 42, 2, AUC, null);
        SweepSpec random = withParams(spec, "train.lr", new ParamSpace.Range(0.0001, 0.1, true, false),
                "train.depth", choices("3", "5", "7"));

        List<Trial> first = TrialPlanner.sweep(random);
        List<Trial> again = TrialPlanner.sweep(random);
        List<Trial> otherSeed = TrialPlanner.sweep(new SweepSpec(random.params(), SweepSpec.Strategy.RANDOM, 5, 43, 2,
                AUC, null));

        assertThat(first).hasSize(5).isEqualTo(again).isNotEqualTo(otherSeed);
        assertThat(first).extracting(Trial::overrides).doesNotHaveDuplicates();
        for (Trial trial : first) {
            double lr = Double.parseDouble(trial.overrides().get("train.lr"));
            assertThat(lr).isBetween(0.0001, 0.1);
            assertThat(trial.overrides().get("train.depth")).isIn("3", "5", "7");
        }
    }

    @Test
    public void shouldRefuseMoreRandomTrialsThanDistinctCombinations() {
        SweepSpec spec = withParams(new SweepSpec(Map.of(), SweepSpec.Strategy.RANDOM, 5, 1, 2, AUC, null),
                "a", choices("1", "2"), "b", choices("x", "y"));

        assertThatThrownBy(() -> TrialPlanner.sweep(spec)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("sweep.trials").hasMessageContaining("only 4 distinct combinations");
    }

    @Test
    public void shouldLeaveEachItemOutOfTheListParamKeepingTheOthersTyped() throws Exception {
        Params params = new Params(Map.of(
                "features", new ObjectMapper().readTree("[\"col_a\", \"col_b\", \"col_c\"]"),
                "model.blocks", new ObjectMapper().readTree("[64, 128]")), List.of("params.yaml"));
        AblationSpec spec = new AblationSpec(List.of(
                new AblationSpec.Dimension("feature", "features", List.of("col_a", "col_b")),
                new AblationSpec.Dimension("component", "model.blocks", List.of())), AUC, 2);

        List<Trial> trials = TrialPlanner.ablation(spec, params);

        assertThat(trials).extracting(Trial::name).containsExactly("baseline", "-col_a", "-col_b", "-64", "-128");
        assertThat(trials.get(0).overrides()).isEmpty();
        assertThat(trials.get(1).overrides()).containsExactly(Map.entry("features", "[\"col_b\",\"col_c\"]"));
        assertThat(trials.get(3).overrides()).containsExactly(Map.entry("model.blocks", "[128]"));
        assertThat(trials.get(3).removed()).isEqualTo("64");
    }

    @Test
    public void shouldSayWhichParamAnAblationNeeds() {
        Params params = new Params(Map.of("features", new ObjectMapper().getNodeFactory().textNode("a,b")),
                List.of("params.yaml"));
        AblationSpec notAList = new AblationSpec(List.of(new AblationSpec.Dimension("feature", "features", List.of())), AUC, 1);
        AblationSpec missing = new AblationSpec(List.of(new AblationSpec.Dimension("component", "components", List.of())), AUC, 1);
        AblationSpec unknownItem = new AblationSpec(List.of(new AblationSpec.Dimension("feature", "features", List.of("z"))),
                AUC, 1);

        assertThatThrownBy(() -> TrialPlanner.ablation(notAList, params)).hasMessageContaining("not a list");
        assertThatThrownBy(() -> TrialPlanner.ablation(missing, params))
                .hasMessageContaining("no params file [params.yaml] defines it").hasMessageContaining("{param: NAME");
        assertThatThrownBy(() -> TrialPlanner.ablation(unknownItem, new Params(Map.of("features",
                new ObjectMapper().createArrayNode().add("a")), List.of()))).hasMessageContaining("'z' is not in the param features");
    }

    @Test
    public void shouldShowStringValuesWithoutTheQuotesThatKeepTheirType() {
        Trial trial = new Trial("t1", new java.util.LinkedHashMap<>(Map.of("train.optimizer", "\"adam\"")), null);

        assertThat(trial.describe()).isEqualTo("train.optimizer=adam");
        assertThat(Trial.display("\"0.5\"")).isEqualTo("0.5");
        assertThat(Trial.display("[\"a\",\"b\"]")).isEqualTo("[\"a\",\"b\"]");
    }

    private static ParamSpace.Choices choices(String... values) {
        return new ParamSpace.Choices(List.of(values));
    }

    private static SweepSpec withParams(SweepSpec spec, String a, ParamSpace aSpace, String b, ParamSpace bSpace) {
        java.util.LinkedHashMap<String, ParamSpace> params = new java.util.LinkedHashMap<>();
        params.put(a, aSpace);
        params.put(b, bSpace);
        return new SweepSpec(params, spec.strategy(), spec.trials(), spec.seed(), spec.maxParallel(), spec.objective(),
                spec.earlyStop());
    }
}
