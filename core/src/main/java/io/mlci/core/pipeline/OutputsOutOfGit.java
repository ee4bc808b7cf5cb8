package io.mlci.core.pipeline;

import io.mlci.core.InvalidInputException;
import io.mlci.core.data.workspace.GitIgnores;
import io.mlci.core.data.workspace.GitPaths;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code dvc repro} leaves for git: a stage's cached outputs ({@code cache: true}, the
 * default, for outs, metrics and plots alike) are listed in the {@code .gitignore} beside them,
 * so {@code git status} after a repro shows {@code dvc.lock} and those ignore files, never the
 * outputs. An output marked {@code cache: false} is meant to be committed and gets no entry.
 */
final class OutputsOutOfGit {

    private OutputsOutOfGit() {
    }

    /**
     * Refuses, before anything runs, a selected stage with a cached output that git already
     * tracks: listing it in .gitignore would not stop git tracking it, and the next commit would
     * hold the model twice (as DVC says, "output ... is already tracked by SCM").
     */
    static void requireUntracked(Path root, List<Stage> stages) {
        Map<String, Declared> cached = new LinkedHashMap<>();
        for (Stage stage : stages) {
            if (stage.frozen()) {
                continue; // never runs, so mlci writes nothing for its outputs
            }
            stage.outs().stream().filter(StageOutput::cache)
                    .forEach(out -> cached.putIfAbsent(out.workspacePath(), new Declared(stage, out)));
        }
        List<String> tracked = GitPaths.tracked(root, cached.keySet());
        if (!tracked.isEmpty()) {
            Declared first = cached.get(tracked.get(0));
            throw new InvalidInputException(first.stage().dvcFile(), "stages." + first.stage().name() + "."
                    + section(first.out()), "output '" + tracked.get(0) + "' " + GitPaths.trackedAdvice(tracked.get(0))
                    + " (or mark it 'cache: false' to keep it in git)");
        }
    }

    private record Declared(Stage stage, StageOutput out) {
    }

    /** Lists the stage's cached outputs in their directories' .gitignore files. */
    static void ignore(Path root, Stage stage) {
        for (StageOutput out : stage.outs()) {
            if (out.cache()) {
                GitIgnores.ensureListed(root, root.resolve(out.workspacePath()));
            }
        }
    }

    private static String section(StageOutput out) {
        return switch (out.kind()) {
            case OUT -> "outs";
            case METRIC -> "metrics";
            case PLOT -> "plots";
        };
    }
}
