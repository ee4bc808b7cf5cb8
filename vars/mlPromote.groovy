import io.mlci.pipeline.MlciCli
import io.mlci.pipeline.Params

/**
 * mlPromote: for promotion jobs. Points a stage (staging, production, ...) at a registered model
 * version — optionally after an approval — and runs the deploy command of mlci.yaml, which puts
 * the stage back if it fails. Refuses versions whose gate did not pass, and refuses to run in
 * pull-request builds. Registry credentials are bound only here (credentialsId).
 */
def call(Map args = [:]) {
    Map p = new Params(this, 'mlPromote').check(args, [model: String, version: String, to: String, reason: String,
            approval: Boolean, approvers: String, credentialsId: String, store: String, deploy: Boolean],
            [approval: false, deploy: true])
    for (String required : ['model', 'version', 'to']) {
        if (!p[required]) {
            error("mlPromote: parameter '${required}' is required (known: approval, approvers, credentialsId, deploy, model, reason, store, to, version)")
        }
    }
    if (env.CHANGE_ID) {
        error('mlPromote: pull-request builds cannot promote models; run the promotion job')
    }
    Closure promote = {
        MlciCli cli = new MlciCli(this)
        List store = p.store ? ['--store', p.store] : []
        List show = ['model', 'show', p.model, p.version] + store
        Map version = cli.json(show, 'mlci model show')
        if (version.status != 0 || version.value == null) {
            error("mlPromote: ${p.model} ${p.version} is not a registered version; see the log above")
        }
        if (version.value.gateVerdict != 'passed') {
            error("mlPromote: ${version.value.model} version ${version.value.version} was registered although its gate " +
                    "${version.value.gateVerdict ?: 'never ran'} (${version.value.reason ?: 'no reason given'}); it is not promoted")
        }
        if (p.approval) {
            input(message: "Promote ${version.value.model} version ${version.value.version} (run ${version.value.runId}) to ${p.to}?",
                    ok: 'Promote', submitter: p.approvers ?: '')
        }
        List command = ['model', 'promote', p.model, p.version, '--to', p.to] + store
        if (p.reason) {
            command += ['--reason', p.reason]
        }
        if (!p.deploy) {
            command += ['--no-deploy']
        }
        cli.run(command, 'mlci model promote')
        return version.value
    }
    if (p.credentialsId) {
        // the registry's write credentials exist only in promotion (and main-branch) jobs
        Map promoted
        withCredentials([usernamePassword(credentialsId: p.credentialsId, usernameVariable: 'AWS_ACCESS_KEY_ID',
                passwordVariable: 'AWS_SECRET_ACCESS_KEY')]) {
            promoted = promote.call()
        }
        return promoted
    }
    return promote.call()
}
