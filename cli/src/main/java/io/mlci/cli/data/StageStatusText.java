package io.mlci.cli.data;

import io.mlci.core.pipeline.StageStatus;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** Pipeline stages in {@code dvc status}'s layout: each changed stage, then what changed, indented. */
final class StageStatusText {

    private static final String INDENT = "    ";
    /** Wide enough for the longest word, "removed from stage:", so paths line up. */
    private static final int WORD_WIDTH = 21;

    private final PrintStream out;

    StageStatusText(PrintStream out) {
        this.out = out;
    }

    void print(List<StageStatus> stages) {
        if (stages.isEmpty()) {
            return;
        }
        List<StageStatus> changed = stages.stream().filter(stage -> !stage.upToDate()).toList();
        for (StageStatus stage : changed) {
            out.println(stage.address() + ":" + (stage.frozen() ? " (frozen: mlci repro does not run it)" : ""));
            if (stage.neverRun()) {
                out.println(INDENT + "not in " + stage.lockFile() + " (never ran)");
            }
            if (!stage.deps().isEmpty() || !stage.params().isEmpty()) {
                out.println(INDENT + "changed deps:");
                words(stage.deps(), 2);
                stage.params().forEach((file, keys) -> {
                    out.println(INDENT.repeat(2) + file + ":");
                    words(keys, 3);
                });
            }
            if (!stage.outs().isEmpty()) {
                out.println(INDENT + "changed outs:");
                words(stage.outs(), 2);
            }
            if (stage.alwaysChanged()) {
                out.println(INDENT + "always changed");
            }
            if (stage.commandChanged()) {
                out.println(INDENT + "changed command");
            }
        }
        out.println(changed.isEmpty() ? "pipelines are up to date (" + stages.size() + " stages)"
                : changed.size() + " of " + stages.size() + " pipeline stages changed ('mlci repro' runs them)");
    }

    private void words(Map<String, String> changes, int depth) {
        changes.forEach((path, word) -> out.println(INDENT.repeat(depth) + pad(word + ":") + path));
    }

    private static String pad(String word) {
        return word.length() >= WORD_WIDTH ? word + " " : word + " ".repeat(WORD_WIDTH - word.length());
    }
}
