package io.mlci.pipeline

/** The mlci options that choose the run, its baseline and the rules, shared by mlEvaluate and mlGate. */
class Reviews implements Serializable {

    /**
     * For a pull request (CHANGE_ID set) the target is CHANGE_TARGET; mlci reads its rules and
     * baseline at the commit pinned right after the checkout (MLCI_TARGET_COMMIT), whatever the
     * pull request's own mlci.yaml or .git say.
     */
    static List options(Map p, def env) {
        List args = []
        if (p.run) {
            args += ['--run', p.run]
        }
        if (p.base) {
            args += ['--base', p.base]
        }
        String target = p.target ?: env.CHANGE_TARGET
        if (target) {
            args += ['--target', target]
        }
        if (p.rulesFrom) {
            args += ['--rules-from', p.rulesFrom]
        }
        if (env.CHANGE_ID && env.MLCI_TARGET_COMMIT) {
            args += ['--target-commit', env.MLCI_TARGET_COMMIT]
        }
        if (p.store) {
            args += ['--store', p.store]
        }
        if (p.trusted) {
            // the target's own evaluation of the recorded model; mlci.yaml's evaluate.trusted at the target turns it on too
            args += ['--trusted']
        }
        return args
    }
}
