package io.mlci.core.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.mlci.core.InvalidInputException;
import io.mlci.core.run.params.Params;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/** Expands a study into its trials: deterministic, so every agent and every rerun sees the same list. */
public final class TrialPlanner {

    private TrialPlanner() {
    }

    /** Grid: every combination, the first param varying slowest. Random: a seeded sample. */
    public static List<Trial> sweep(SweepSpec spec) {
        List<Map<String, String>> combinations = spec.strategy() == SweepSpec.Strategy.GRID ? grid(spec) : random(spec);
        List<Trial> trials = new ArrayList<>();
        for (Map<String, String> overrides : combinations) {
            trials.add(new Trial("t" + (trials.size() + 1), overrides, null));
        }
        return trials;
    }

    /**
     * A baseline trial with the params as committed, then one trial per left-out item.
     *
     * @param params the params as committed, to find each dimension's full list
     */
    public static List<Trial> ablation(AblationSpec spec, Params params) {
        List<Trial> trials = new ArrayList<>();
        trials.add(new Trial("baseline", Map.of(), null));
        Set<String> names = new HashSet<>();
        for (AblationSpec.Dimension dimension : spec.dimensions()) {
            ArrayNode list = listParam(dimension, params);
            List<String> all = new ArrayList<>();
            list.forEach(item -> all.add(Params.plain(item)));
            List<String> removed = dimension.items().isEmpty() ? all : dimension.items();
            for (String item : removed) {
                if (!all.contains(item)) {
                    throw new InvalidInputException("mlci.yaml", "ablation." + dimension.kind() + "s",
                            "'" + item + "' is not in the param " + dimension.param() + " " + all);
                }
                ArrayNode kept = list.deepCopy();
                kept.remove(all.indexOf(item));
                String name = "-" + item;
                if (!names.add(name)) {
                    name = "-" + dimension.kind() + ":" + item;
                }
                trials.add(new Trial(name, Map.of(dimension.param(), kept.toString()), item));
            }
        }
        return trials;
    }

    private static List<Map<String, String>> grid(SweepSpec spec) {
        List<Map<String, String>> result = new ArrayList<>();
        result.add(new LinkedHashMap<>());
        for (Map.Entry<String, ParamSpace> param : spec.params().entrySet()) {
            List<String> values = ((ParamSpace.Choices) param.getValue()).values();
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> partial : result) {
                for (String value : values) {
                    Map<String, String> combination = new LinkedHashMap<>(partial);
                    combination.put(param.getKey(), value);
                    next.add(combination);
                }
            }
            result = next;
            if (result.size() > StudyYaml.MAX_TRIALS) {
                throw new InvalidInputException("mlci.yaml", "sweep.params", "the grid has more than "
                        + StudyYaml.MAX_TRIALS + " combinations; use strategy: random with 'trials'");
            }
        }
        return result;
    }

    private static List<Map<String, String>> random(SweepSpec spec) {
        long distinct = distinctCombinations(spec);
        if (distinct < spec.trials()) {
            throw new InvalidInputException("mlci.yaml", "sweep.trials", "asks for " + spec.trials()
                    + " trials but the params have only " + distinct + " distinct combinations");
        }
        SplittableRandom random = new SplittableRandom(spec.seed());
        Set<Map<String, String>> seen = new HashSet<>();
        List<Map<String, String>> result = new ArrayList<>();
        while (result.size() < spec.trials()) {
            Map<String, String> combination = new LinkedHashMap<>();
            spec.params().forEach((name, space) -> combination.put(name, space.sample(random)));
            if (seen.add(combination)) {
                result.add(combination);
            }
        }
        return result;
    }

    /** How many different trials the space allows; ranges count as unbounded. */
    private static long distinctCombinations(SweepSpec spec) {
        long count = 1;
        for (ParamSpace space : spec.params().values()) {
            if (!(space instanceof ParamSpace.Choices choices)) {
                return Long.MAX_VALUE;
            }
            count = Math.multiplyExact(count, choices.values().size());
        }
        return count;
    }

    private static ArrayNode listParam(AblationSpec.Dimension dimension, Params params) {
        JsonNode value = params.values().get(dimension.param());
        if (!(value instanceof ArrayNode array)) {
            throw new InvalidInputException("mlci.yaml", "ablation." + dimension.kind() + "s",
                    "leaves items out of the list param '" + dimension.param() + "', but "
                            + (value == null ? "no params file " + params.files() + " defines it"
                            : "it is " + value + ", not a list")
                            + (dimension.param().equals(dimension.kind() + "s")
                            ? "; name the param with {param: NAME, items: [...]}" : ""));
        }
        return array;
    }
}
