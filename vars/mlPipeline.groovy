import io.mlci.pipeline.Params

/**
 * mlPipeline: the whole flow from mlci.yaml in one line. On the GPU agent: data, training (or the
 * reuse of an identical run); then for a pull request the gate with its check and dashboard, and
 * on other branches the evaluation against the baseline. Returns what mlTrain returned, plus the
 * verdict for pull requests.
 */
def call(Map args = [:]) {
    Map p = new Params(this, 'mlPipeline').check(args, [label: String, image: String, store: String, remote: String,
            retries: Integer, force: Boolean, checkName: String], [checkName: 'mlci'])
    Map verdict = null
    Map trained = mlTrain(label: p.label, image: p.image, store: p.store, remote: p.remote, retries: p.retries,
            force: p.force ?: false, then: { String runId ->
        // on the training agent: a run store in the workspace (the default) is only there
        if (env.CHANGE_ID) {
            verdict = mlGate(run: runId, store: p.store, checkName: p.checkName)
        } else {
            mlEvaluate(run: runId, store: p.store)
        }
    })
    return trained + [verdict: verdict]
}
