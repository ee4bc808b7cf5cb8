package io.mlci.core.evaluate;

import io.mlci.core.config.MlciConfig;
import io.mlci.core.config.MlciYaml;
import io.mlci.core.gate.GateConfig;
import io.mlci.core.gate.GateRules;

import java.nio.file.Path;

/**
 * Where the gate's rules come from. A pull request is judged by its target branch's mlci.yaml,
 * read from git at that branch's revision: a pull request that loosens its own rules changes
 * nothing until it is merged.
 */
public final class RulesSource {

    private RulesSource() {
    }

    /**
     * @param ref the revision to read mlci.yaml at ({@code --rules-from}, or the PR's target
     *            branch); null = the working tree
     */
    public static GateConfig load(Path root, String ref) {
        if (ref == null) {
            MlciConfig config = MlciYaml.load(root);
            return GateRules.parse(config.gate(), config.source() + " in the working tree");
        }
        try (GitRevisions git = GitRevisions.open(root)) {
            GitRevisions.Revision revision = git.require(ref);
            String name = MlciYaml.FILE_NAME + "@" + revision.name();
            String text = git.readText(revision, MlciYaml.FILE_NAME).orElse("");
            MlciConfig config = MlciYaml.parse(name, text);
            String source = MlciYaml.FILE_NAME + " at " + revision.name() + " (" + revision.shortCommit() + ")"
                    + (text.isEmpty() ? ", which has no mlci.yaml: no rules" : "");
            return GateRules.parse(config.gate(), source);
        }
    }
}
