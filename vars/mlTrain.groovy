import com.cloudbees.groovy.cps.NonCPS
import io.mlci.pipeline.MlciCli
import io.mlci.pipeline.Params
import io.mlci.pipeline.TrainContainer

/**
 * mlTrain: trains on an agent with the GPU label (an EC2 plugin template), resuming from
 * checkpoints when a reclaimed spot instance makes Jenkins retry on a fresh agent; skips the run
 * when an identical one already succeeded; archives the model with fingerprints. The CLI runs on
 * the agent and starts the training image itself, so any image works: it needs nothing from mlci.
 * Returns [runId, status, skipped, reusedFrom, metrics].
 */
def call(Map args = [:]) {
    Map p = new Params(this, 'mlTrain').check(args, [label: String, image: String, dockerArgs: String, gpus: Object,
            registry: String, registryCredentialsId: String, retries: Integer, timeoutMinutes: Integer, force: Boolean,
            remote: String, store: String, archive: Boolean, config: Map, then: Closure, set: Map, sweep: Object,
            ablation: Boolean, maxParallel: Integer], [archive: true, force: false])
    if (p.sweep || p.ablation) {
        // A search: every trial is one mlTrain on its own agent, fanned out by mlSweep.
        return mlSweep([sweep: p.sweep instanceof Map ? p.sweep : null, ablation: p.ablation ?: false,
                        maxParallel: p.maxParallel, label: p.label, image: p.image, retries: p.retries, force: p.force,
                        remote: p.remote, store: p.store].findAll { k, v -> v != null })
    }
    if (p.gpus != null && !(p.gpus instanceof Boolean) && p.gpus != 'optional') {
        error("mlTrain: parameter 'gpus' must be true, false or 'optional', got '${p.gpus}'")
    }
    Map config = p.config ?: readConfig()
    String label = p.label ?: config.train.agent
    String image = p.image != null ? p.image : config.train.image
    String registry = p.registry != null ? p.registry : config.train.registry
    String credentialsId = p.registryCredentialsId != null ? p.registryCredentialsId : config.train.registryCredentialsId
    if (env.CHANGE_ID && p.registryCredentialsId == null && config.train.registryCredentialsId) {
        // a pull request's mlci.yaml could name any registry to send these credentials to
        echo("mlTrain: WARNING: in a pull request, train.registryCredentialsId from mlci.yaml is not used; pass " +
                "registry and registryCredentialsId to mlTrain in the Jenkinsfile, or log the agent in beforehand")
        registry = p.registry
        credentialsId = null
    }
    int retries = p.retries != null ? p.retries : (config.train.retries ?: 0) as int
    int minutes = p.timeoutMinutes ?: minutesFor(config.train.timeoutSeconds, retries)
    Map outcome = [:]
    node(label) {
        // agent(): the agent went away (a reclaimed spot instance); nonresumable(): the controller restarted mid-step
        retry(count: retries + 1, conditions: [agent(), nonresumable()]) {
            timeout(time: minutes, unit: 'MINUTES') {
                checkout scm
                mlData(remote: p.remote)
                MlciCli cli = new MlciCli(this)
                TrainContainer container = new TrainContainer(this)
                List train = ['train']
                if (p.store) {
                    train += ['--store', p.store]
                }
                if (p.force) {
                    train += ['--force']
                }
                (p.set ?: [:]).each { name, value -> train += ['-S', "${name}=${value}".toString()] }
                train += TrainContainer.options(image, p.gpus, p.dockerArgs)
                Map result
                withEnv(["${TrainContainer.TRUSTED}=${container.trustedDockerArgs()}".toString()]) {
                    result = container.withRegistry(image ? registry : null, image ? credentialsId : null) {
                        cli.json(train, 'mlci train')
                    }
                }
                Map run = result.value?.run
                if (result.status != 0 || run == null) {
                    error("mlTrain: the training ${run?.status ?: 'failed'}${run?.message ? ': ' + run.message : ''}; see the log above")
                }
                outcome = [runId: run.id, status: run.status, skipped: result.value.skipped, metrics: run.metrics,
                           reusedFrom: result.value.reusedFrom]
                List files = archived(run)
                if (p.archive && !files.isEmpty()) {
                    archiveArtifacts(artifacts: files.join(','), fingerprint: true)
                }
                echo("mlTrain: run ${run.id} ${run.status}" + (result.value.skipped ? " (identical to ${result.value.reusedFrom})" : ''))
                if (p.then) {
                    p.then.call(run.id)
                }
            }
        }
    }
    return outcome
}

/** mlci.yaml, read on any agent: the label to train on is in it. */
private Map readConfig() {
    Map config
    node {
        checkout scm
        Map result = new MlciCli(this).json(['config'], 'mlci config')
        if (result.status != 0) {
            error('mlTrain: mlci.yaml is not valid; see the log above')
        }
        config = result.value
    }
    return config
}

/** A guard above mlci's own per-attempt timeout: every attempt, plus time for data and checkout. */
@NonCPS
private static int minutesFor(Object seconds, int retries) {
    if (seconds == null) {
        return 24 * 60
    }
    return (int) Math.ceil(((seconds as long) * (retries + 1)) / 60.0) + 30
}

/** The run's output files, by their workspace paths (directories are archived whole). */
@NonCPS
private static List archived(Map run) {
    return run.outputs.collect { o -> o.files ? "${o.path}/**".toString() : o.path.toString() }
}
