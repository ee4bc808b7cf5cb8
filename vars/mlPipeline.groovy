import io.mlci.pipeline.MlciCli
import io.mlci.pipeline.Params

/**
 * mlPipeline: the whole flow from mlci.yaml in one line. On the GPU agent: data, training (or the
 * reuse of an identical run); then for a pull request the gate with its check and dashboard; on
 * the main branch the gate too, and a passing run is registered as the model's next version
 * (registry credentials bound only there); on other branches the evaluation.
 */
def call(Map args = [:]) {
    Map p = new Params(this, 'mlPipeline').check(args, [label: String, image: String, store: String, remote: String,
            retries: Integer, force: Boolean, checkName: String, mainBranch: String, registryCredentialsId: String],
            [checkName: 'mlci', mainBranch: 'main'])
    Map verdict = null
    String registered = null
    Map trained = mlTrain(label: p.label, image: p.image, store: p.store, remote: p.remote, retries: p.retries,
            force: p.force ?: false, then: { String runId ->
        // on the training agent: a run store in the workspace (the default) is only there
        if (env.CHANGE_ID) {
            verdict = mlGate(run: runId, store: p.store, checkName: p.checkName)
        } else if (env.BRANCH_NAME == p.mainBranch) {
            verdict = mlGate(run: runId, store: p.store, checkName: p.checkName)
            if (verdict.verdict == 'passed') {
                registered = register(runId, p)
            }
        } else {
            mlEvaluate(run: runId, store: p.store)
        }
    })
    return trained + [verdict: verdict, registered: registered]
}

/** Registers the run; the registry's write credentials are bound for this call only. */
private String register(String runId, Map p) {
    List command = ['model', 'register', '--run', runId] + (p.store ? ['--store', p.store] : [])
    Closure run = {
        Map result = new MlciCli(this).json(command, 'mlci model register')
        if (result.status != 0) {
            error('mlPipeline: registering the model failed; see the log above')
        }
        return "models:/${result.value.model}/${result.value.version}".toString()
    }
    if (p.registryCredentialsId) {
        String uri
        withCredentials([usernamePassword(credentialsId: p.registryCredentialsId, usernameVariable: 'AWS_ACCESS_KEY_ID',
                passwordVariable: 'AWS_SECRET_ACCESS_KEY')]) {
            uri = run.call()
        }
        return uri
    }
    return run.call()
}
