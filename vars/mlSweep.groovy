import io.mlci.pipeline.MlciCli
import io.mlci.pipeline.Params
import io.mlci.pipeline.TrialLanes

/**
 * mlSweep: the trials of mlci.yaml's sweep (or ablation), each an ordinary mlTrain on its own GPU
 * agent, at most maxParallel at once; identical trials are reused by run key. Every lane names the
 * build's study and its trial, so with earlyStop a hopeless trial stops by the median of the trials
 * that finished on other agents; a stopped trial is not a failure. Records the sweep and returns
 * [sweepId, best, bestRun, trials] so mlGate(run: result.bestRun) judges the best; then: is given
 * the best run, on an agent with the checkout.
 */
def call(Map args = [:]) {
    Map p = new Params(this, 'mlSweep').check(args, [sweep: Map, ablation: Boolean, maxParallel: Integer, label: String,
            image: String, retries: Integer, force: Boolean, remote: String, store: String, archive: Boolean, then: Closure],
            [ablation: false, archive: false, force: false])
    Map plan = plan(p)
    int maxParallel = p.maxParallel ?: (plan.maxParallel as int)
    List<List<Map>> lanes = TrialLanes.deal(plan.trials as List<Map>, maxParallel)
    echo("mlSweep: ${plan.kind} of ${plan.trials.size()} trials, ${lanes.size()} at once, objective " +
            "${plan.objective.metric} (${plan.objective.goal.toString().toLowerCase()})")
    // the same label on every lane; mlci adds the plan, so two sweeps of one build are two studies
    Map study = [study: env.BUILD_TAG ?: "${env.JOB_NAME}-${env.BUILD_NUMBER}".toString(), ablation: p.ablation,
                 spec: p.sweep ? TrialLanes.json(p.sweep) : null]
    Map<String, String> runIds = [:]
    List<String> stopped = []
    Map branches = [:]
    lanes.eachWithIndex { List<Map> lane, int i ->
        branches["trials ${i + 1}".toString()] = {
            for (Map trial : lane) {
                stage("trial ${trial.name}") {
                    Map train = [trial: study + [name: trial.name], archive: p.archive, force: p.force, remote: p.remote,
                                 store: p.store, label: p.label, image: p.image, retries: p.retries].findAll { k, v -> v != null }
                    catchError(buildResult: 'UNSTABLE', stageResult: 'FAILURE', message: "trial ${trial.name} failed") {
                        Map trained = mlTrain(train)
                        runIds[trial.name as String] = trained.runId as String
                        if (trained.stoppedEarly) {
                            stopped << (trial.name as String)
                        }
                    }
                }
            }
        }
    }
    parallel(branches)
    if (stopped) {
        echo("mlSweep: stopped early by the median rule (not failures): ${stopped.sort().join(', ')}")
    }
    return record(p, runIds)
}

private Map plan(Map p) {
    Map plan
    node {
        checkout scm
        Map result = new MlciCli(this).json(['sweep', 'plan'] + studyArgs(p), 'mlci sweep plan')
        if (result.status != 0 || result.value == null) {
            error("mlSweep: mlci.yaml declares no valid ${p.ablation ? 'ablation' : 'sweep'}; see the log above")
        }
        plan = result.value
    }
    return plan
}

private Map record(Map p, Map<String, String> runIds) {
    if (runIds.isEmpty()) {
        error('mlSweep: no trial recorded a run; see the trials above')
    }
    Map sweep
    node {
        checkout scm
        List command = ['sweep', 'record'] + studyArgs(p) + (p.store ? ['--store', p.store] : []) +
                TrialLanes.recordArgs(runIds)
        Map result = new MlciCli(this).json(command, 'mlci sweep record')
        if (result.value == null) {
            error('mlSweep: the sweep could not be recorded; see the log above')
        }
        sweep = result.value
        if (sweep.best == null) {
            error("mlSweep: no trial completed with ${sweep.objective.metric}")
        }
        echo("mlSweep: ${sweep.kind} ${sweep.id}: best trial ${sweep.best} (run ${sweep.bestRun})")
        if (p.then) {
            p.then.call(sweep.bestRun as String)
        }
    }
    return [sweepId: sweep.id, best: sweep.best, bestRun: sweep.bestRun, trials: sweep.trials]
}

/** Which study: the ablation, a sweep given to the step, or mlci.yaml's sweep. */
private static List studyArgs(Map p) {
    return p.ablation ? ['--ablation'] : (p.sweep ? ['--spec', TrialLanes.json(p.sweep)] : [])
}
