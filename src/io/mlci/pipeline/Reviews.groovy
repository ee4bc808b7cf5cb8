package io.mlci.pipeline

/** The mlci options that choose the run, its baseline and the rules, shared by mlEvaluate and mlGate. */
class Reviews implements Serializable {

    /**
     * For a pull request (CHANGE_ID set) the target is CHANGE_TARGET and the rules are read at its
     * revision, whatever the pull request's own mlci.yaml says.
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
        String rules = p.rulesFrom ?: (env.CHANGE_ID ? env.CHANGE_TARGET : null)
        if (rules) {
            args += ['--rules-from', rules]
        }
        if (p.store) {
            args += ['--store', p.store]
        }
        return args
    }
}
