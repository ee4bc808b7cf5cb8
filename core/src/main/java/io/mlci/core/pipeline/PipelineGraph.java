package io.mlci.core.pipeline;

import io.mlci.core.InvalidInputException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The stages of every pipeline file as a graph: a stage depends on the stage whose output is
 * its dependency (the same path, or a path inside or around it). Two stages writing one path and
 * cycles are errors that name the stages; the order is topological, ties in declaration order.
 */
public final class PipelineGraph {

    private final List<Stage> stages;
    private final Map<Stage, Set<Stage>> upstream = new LinkedHashMap<>();

    public PipelineGraph(Pipelines pipelines) {
        this.stages = pipelines.stages();
        Map<String, Stage> writers = new HashMap<>();
        for (Stage stage : stages) {
            for (String out : stage.outPaths()) {
                for (Map.Entry<String, Stage> other : writers.entrySet()) {
                    if (overlaps(out, other.getKey())) {
                        throw new InvalidInputException(stage.dvcFile(), "stages." + stage.name() + ".outs",
                                "'" + out + "' is also an output of stage '" + other.getValue().address() + "' ('"
                                        + other.getKey() + "'); two stages cannot write the same path");
                    }
                }
                writers.put(out, stage);
            }
        }
        for (Stage stage : stages) {
            Set<Stage> needs = new LinkedHashSet<>();
            for (String dep : stage.depPaths()) {
                writers.forEach((out, writer) -> {
                    if (overlaps(dep, out) && writer != stage) {
                        needs.add(writer);
                    }
                });
            }
            upstream.put(stage, needs);
        }
        order(stages);
    }

    static boolean overlaps(String a, String b) {
        return a.equals(b) || a.isEmpty() || b.isEmpty() || a.startsWith(b + "/") || b.startsWith(a + "/");
    }

    public List<Stage> stages() {
        return stages;
    }

    public Set<Stage> upstreamOf(Stage stage) {
        return upstream.get(stage);
    }

    /**
     * The stages to consider for the targets, in run order: each target with everything it needs
     * (or only itself with {@code single}), plus everything that needs it with {@code downstream}.
     */
    public List<Stage> select(List<Stage> targets, boolean downstream, boolean single) {
        Set<Stage> chosen = new LinkedHashSet<>();
        for (Stage target : targets) {
            chosen.add(target);
            if (downstream) {
                chosen.addAll(downstreamOf(target));
            } else if (!single) {
                chosen.addAll(ancestors(target));
            }
        }
        List<Stage> ordered = new ArrayList<>();
        for (Stage stage : order(stages)) {
            if (chosen.contains(stage)) {
                ordered.add(stage);
            }
        }
        return ordered;
    }

    private Set<Stage> ancestors(Stage stage) {
        Set<Stage> found = new LinkedHashSet<>();
        List<Stage> pending = new ArrayList<>(upstream.get(stage));
        while (!pending.isEmpty()) {
            Stage next = pending.remove(pending.size() - 1);
            if (found.add(next)) {
                pending.addAll(upstream.get(next));
            }
        }
        return found;
    }

    private Set<Stage> downstreamOf(Stage stage) {
        Set<Stage> found = new LinkedHashSet<>();
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Stage candidate : stages) {
                if (!found.contains(candidate) && (upstream.get(candidate).contains(stage)
                        || upstream.get(candidate).stream().anyMatch(found::contains))) {
                    grew |= found.add(candidate);
                }
            }
        }
        return found;
    }

    /** Depth-first topological order; a stage reached again while on the path is a cycle. */
    private List<Stage> order(List<Stage> roots) {
        List<Stage> ordered = new ArrayList<>();
        Set<Stage> done = new LinkedHashSet<>();
        for (Stage stage : roots) {
            visit(stage, new ArrayList<>(), done, ordered);
        }
        return ordered;
    }

    private void visit(Stage stage, List<Stage> path, Set<Stage> done, List<Stage> ordered) {
        if (done.contains(stage)) {
            return;
        }
        if (path.contains(stage)) {
            List<String> cycle = new ArrayList<>();
            path.subList(path.indexOf(stage), path.size()).forEach(s -> cycle.add(s.address()));
            cycle.add(stage.address());
            throw new InvalidInputException(stage.dvcFile(), "stages." + stage.name(),
                    "the pipeline has a cycle: " + String.join(" -> ", cycle));
        }
        path.add(stage);
        for (Stage needed : upstream.get(stage)) {
            visit(needed, path, done, ordered);
        }
        path.remove(path.size() - 1);
        done.add(stage);
        ordered.add(stage);
    }

    /**
     * Stages a target names: a stage name or address ({@code train}, {@code sub/dvc.yaml:train}),
     * a generated group ({@code train} for {@code train@a, train@b}), or a pipeline file.
     */
    public List<Stage> resolve(String target) {
        List<Stage> matches = new ArrayList<>();
        String file = target.contains(":") ? target.substring(0, target.lastIndexOf(':')) : null;
        String name = target.contains(":") ? target.substring(target.lastIndexOf(':') + 1) : target;
        for (Stage stage : stages) {
            boolean fileMatches = file == null ? stage.dvcFile().equals(DvcYaml.FILE_NAME) || target.equals(stage.name())
                    : stage.dvcFile().equals(file);
            if (target.equals(stage.dvcFile()) || target.equals(stage.dvcDir()) && !target.isEmpty()
                    || fileMatches && (stage.name().equals(name) || stage.group().equals(name) && !stage.group().equals(stage.name()))) {
                matches.add(stage);
            }
        }
        if (matches.isEmpty()) {
            throw new InvalidInputException(target, null, "no such stage or pipeline file; stages: "
                    + String.join(", ", stages.stream().map(Stage::address).toList()));
        }
        return matches;
    }
}
