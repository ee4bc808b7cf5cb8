import com.cloudbees.groovy.cps.NonCPS
import io.mlci.pipeline.MlciCli
import io.mlci.pipeline.Params
import io.mlci.pipeline.TargetPin
import io.mlci.pipeline.TrainContainer

/**
 * mlTrain: trains on an agent with the GPU label (an EC2 plugin template), resuming from
 * checkpoints when a reclaimed spot instance makes Jenkins retry on a fresh agent; skips the run
 * when an identical one already succeeded; archives the model with fingerprints. The CLI runs on
 * the agent and starts the training image itself, so any image works: it needs nothing from mlci.
 * A repository whose training is its dvc.yaml pipeline (mlci config says train.pipeline: dvc) runs
 * `mlci repro` the same way: a retry on a fresh agent restores the stages that already finished.
 * With trial: (as mlSweep passes it) the run is one trial of a study, stopped early by the median
 * of the study's finished trials when the sweep has earlyStop; a stopped trial returns normally.
 * Returns [runId, status, skipped, reusedFrom, metrics, stages, stoppedEarly].
 */
def call(Map args = [:]) {
    Map p = new Params(this, 'mlTrain').check(args, [label: String, image: String, dockerArgs: String, gpus: Object,
            registry: String, registryCredentialsId: String, retries: Integer, timeoutMinutes: Integer, force: Boolean,
            remote: String, store: String, archive: Boolean, config: Map, then: Closure, set: Map, sweep: Object,
            ablation: Boolean, maxParallel: Integer, trial: Map], [archive: true, force: false])
    if (p.sweep || p.ablation) {
        // A search: every trial is one mlTrain on its own agent, fanned out by mlSweep.
        return mlSweep([sweep: p.sweep instanceof Map ? p.sweep : null, ablation: p.ablation ?: false,
                        maxParallel: p.maxParallel, label: p.label, image: p.image, retries: p.retries, force: p.force,
                        remote: p.remote, store: p.store, then: p.then].findAll { k, v -> v != null })
    }
    if (p.gpus != null && !(p.gpus instanceof Boolean) && p.gpus != 'optional') {
        error("mlTrain: parameter 'gpus' must be true, false or 'optional', got '${p.gpus}'")
    }
    // read through the CLI, a pull request's train config is the pinned target's (agent, docker arguments, registry)
    boolean pinned = !p.config
    Map config = p.config ?: readConfig()
    String label = p.label ?: config.train.agent
    String image = p.image != null ? p.image : config.train.image
    String registry = p.registry != null ? p.registry : config.train.registry
    String credentialsId = p.registryCredentialsId != null ? p.registryCredentialsId : config.train.registryCredentialsId
    if (env.CHANGE_ID && pinned) {
        echo("mlTrain: pull request ${env.CHANGE_ID}: train.agent '${config.train.agent}', train.dockerArgs " +
                "${config.train.dockerArgs ?: []} and train.registry ${config.train.registry ?: 'none'} from " +
                "${env.CHANGE_TARGET} at ${(env[TargetPin.VARIABLE] as String).substring(0, 7)}")
    }
    if (env.CHANGE_ID && !pinned && p.registryCredentialsId == null && config.train.registryCredentialsId) {
        // a config map was not read at the pinned target: it could name any registry to send these credentials to
        echo("mlTrain: WARNING: in a pull request, train.registryCredentialsId of the given config is not used; pass " +
                "registry and registryCredentialsId to mlTrain in the Jenkinsfile, or log the agent in beforehand")
        registry = p.registry
        credentialsId = null
    }
    // the CLI decided from mlci.yaml and the checkout: train.pipeline dvc, or a dvc.yaml and no train.command
    boolean pipeline = config.train.pipeline == 'dvc'
    if (pipeline && (p.set || p.trial)) {
        error("mlTrain: parameter '${p.set ? 'set' : 'trial'}' changes params before 'mlci train'; this repository " +
                "trains with its dvc.yaml pipeline (mlci repro), which runs the params files as committed")
    }
    String command = pipeline ? 'repro' : 'train'
    String work = pipeline ? 'pipeline' : 'training'
    int retries = p.retries != null ? p.retries : (config.train.retries ?: 0) as int
    // train.timeout bounds each command of a pipeline, not the whole: the guard cannot be derived from it
    int minutes = p.timeoutMinutes ?: minutesFor(pipeline ? null : config.train.timeoutSeconds, retries)
    Map outcome = [:]
    node(label) {
        // agent(): the agent went away (a reclaimed spot instance); nonresumable(): the controller restarted mid-step
        retry(count: retries + 1, conditions: [agent(), nonresumable()]) {
            timeout(time: minutes, unit: 'MINUTES') {
                checkout scm
                mlData(remote: p.remote)
                MlciCli cli = new MlciCli(this)
                TrainContainer container = new TrainContainer(this)
                List train = [command]
                if (p.store) {
                    train += ['--store', p.store]
                }
                if (p.force) {
                    train += ['--force']
                }
                (p.set ?: [:]).each { name, value -> train += ['-S', "${name}=${value}".toString()] }
                train += trialOptions(p.trial)
                train += TrainContainer.options(image, p.gpus, p.dockerArgs)
                Map result
                withEnv(["${TrainContainer.TRUSTED}=${container.trustedDockerArgs()}".toString()]) {
                    result = container.withRegistry(image ? registry : null, image ? credentialsId : null) {
                        cli.json(train, "mlci ${command}".toString())
                    }
                }
                Map run = result.value?.run
                if (result.status != 0 || run == null) {
                    error("mlTrain: the ${work} ${run?.status ?: 'failed'}${run?.message ? ': ' + run.message : ''}; see the log above")
                }
                boolean stoppedEarly = result.value.stoppedEarly == true
                outcome = [runId: run.id, status: run.status, skipped: result.value.skipped, metrics: run.metrics,
                           reusedFrom: result.value.reusedFrom, stages: result.value.stages, stoppedEarly: stoppedEarly]
                List files = archived(run)
                if (p.archive && !files.isEmpty()) {
                    archiveArtifacts(artifacts: files.join(','), fingerprint: true)
                }
                echo("mlTrain: run ${run.id} ${run.status}" + (pipeline ? stageSummary(result.value.stages)
                        : result.value.skipped ? " (identical to ${result.value.reusedFrom})"
                        : stoppedEarly ? " (trial ${result.value.trial} ${run.message})" : ''))
                if (p.then && !stoppedEarly) {
                    p.then.call(run.id)
                }
            }
        }
    }
    return outcome
}

/**
 * mlci.yaml, read on any agent: the label to train on is in it. A pull request's target commit is
 * pinned first, so the CLI answers with the target's agent, docker arguments and registry.
 */
private Map readConfig() {
    Map config
    node {
        checkout scm
        TargetPin.afterCheckout(this)
        Map result = new MlciCli(this).json(['config'], 'mlci config')
        if (result.status != 0) {
            error('mlTrain: mlci.yaml is not valid; see the log above')
        }
        config = result.value
    }
    return config
}

/** {@code --study LABEL --trial NAME} and the study's choice, for one trial of mlSweep's study; none without one. */
@NonCPS
private static List trialOptions(Map trial) {
    if (!trial) {
        return []
    }
    return ['--study', trial.study as String, '--trial', trial.name as String] +
            (trial.ablation ? ['--ablation'] : trial.spec ? ['--spec', trial.spec as String] : [])
}

/** A guard above mlci's own per-attempt timeout: every attempt, plus time for data and checkout. */
@NonCPS
private static int minutesFor(Object seconds, int retries) {
    if (seconds == null) {
        return 24 * 60
    }
    return (int) Math.ceil(((seconds as long) * (retries + 1)) / 60.0) + 30
}

/** " (prepare restored, train ran, ...)": what each stage of the pipeline did. */
@NonCPS
private static String stageSummary(List stages) {
    return stages ? ' (' + stages.collect { "${it.stage} ${it.state}" }.join(', ') + ')' : ''
}

/** The run's output files, by their workspace paths (directories are archived whole). */
@NonCPS
private static List archived(Map run) {
    return run.outputs.collect { o -> o.files ? "${o.path}/**".toString() : o.path.toString() }
}
