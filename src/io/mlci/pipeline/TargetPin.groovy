package io.mlci.pipeline

/**
 * Pins a pull request's target commit right after the checkout, before any of the pull request's
 * code has run: mlci gate then reads the rules and the baseline at that commit, from a fresh fetch,
 * whatever the training later does to the workspace's .git. Pinned once per build (MLCI_TARGET_COMMIT
 * is a build variable), so a retry on a fresh agent keeps the first pin; the mlci plugin pins it
 * from the target branch's SCM revision instead, before the build starts.
 */
class TargetPin implements Serializable {

    static final String VARIABLE = 'MLCI_TARGET_COMMIT'

    static void afterCheckout(def steps) {
        def env = steps.env
        if (!env.CHANGE_ID || env[VARIABLE]) {
            return
        }
        String target = env.CHANGE_TARGET
        if (!target) {
            steps.error('mlci: a pull-request build without CHANGE_TARGET cannot be judged by its target branch')
        }
        String remote = Shell.quote("refs/remotes/origin/${target}^{commit}".toString())
        String local = Shell.quote("refs/heads/${target}^{commit}".toString())
        String commit = (steps.sh(returnStdout: true, label: 'mlci: pin the target commit',
                script: "git rev-parse --verify --quiet ${remote} || git rev-parse --verify --quiet ${local} || true") ?: '').trim()
        if (!(commit ==~ /[0-9a-f]{40}/)) {
            steps.error("mlci: cannot pin the target branch ${target}: the checkout did not fetch it " +
                    "(let the checkout fetch the target branch, e.g. GitHub Branch Source's merge strategy)")
        }
        env[VARIABLE] = commit
        steps.echo("mlci: pull request judged by ${target} at ${commit}")
    }
}
