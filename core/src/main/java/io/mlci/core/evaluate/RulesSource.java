package io.mlci.core.evaluate;

import io.mlci.core.run.code.TrustedTarget;
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
            return GateRules.parse(config.gate(), config.source() + " in the working tree").withCost(config.cost());
        }
        try (GitRevisions git = GitRevisions.open(root)) {
            GitRevisions.Revision revision = git.require(ref);
            String name = MlciYaml.FILE_NAME + "@" + revision.name();
            String text = git.readText(revision, MlciYaml.FILE_NAME).orElse("");
            MlciConfig config = MlciYaml.parse(name, text);
            String source = MlciYaml.FILE_NAME + " at " + revision.name() + " (" + revision.shortCommit() + ")"
                    + (text.isEmpty() ? ", which has no mlci.yaml: no rules" : "");
            return GateRules.parse(config.gate(), source).withCost(config.cost());
        }
    }

    /**
     * The rules of a pull request's target at its pinned commit. When it has none, the source
     * says so ("no gate rules on main at 3f46737"), and the check that reports it is neutral: an
     * absence of rules is not a pass.
     */
    public static GateConfig load(TrustedTarget target) {
        return load(target, config(target));
    }

    /** The rules of {@link #config the target's mlci.yaml}, already read. */
    public static GateConfig load(TrustedTarget target, MlciConfig config) {
        GateConfig gate = GateRules.parse(config.gate(),
                MlciYaml.FILE_NAME + " at " + target.branch() + " (" + target.shortCommit() + ", pinned)").withCost(config.cost());
        return gate.rules().isEmpty() ? gate.withSource(NO_RULES + " on " + target.branch() + " at " + target.shortCommit()) : gate;
    }

    /** The target's whole mlci.yaml at the pinned commit; defaults when it has none. */
    public static MlciConfig config(TrustedTarget target) {
        String text = target.readText(MlciYaml.FILE_NAME).orElse("");
        return MlciYaml.parse(MlciYaml.FILE_NAME + "@" + target.commit(), text);
    }

    /** How a source without rules begins; a check titled by it is neutral. */
    public static final String NO_RULES = "no gate rules";
}
