import com.cloudbees.groovy.cps.NonCPS
import io.mlci.pipeline.MlciCli
import io.mlci.pipeline.Params
import io.mlci.pipeline.Shell

/**
 * mlTrain: trains on an agent with the GPU label (an EC2 plugin template), inside the training
 * image when mlci.yaml names one, resuming from checkpoints when a reclaimed spot instance makes
 * Jenkins retry on a fresh agent; skips the run when an identical one already succeeded;
 * archives the model with fingerprints. Returns [runId, status, skipped, metrics].
 */
def call(Map args = [:]) {
    Map p = new Params(this, 'mlTrain').check(args, [label: String, image: String, dockerArgs: String, gpus: Boolean,
            retries: Integer, timeoutMinutes: Integer, force: Boolean, remote: String, store: String,
            archive: Boolean, config: Map, then: Closure], [gpus: true, archive: true, force: false])
    Map config = p.config ?: readConfig()
    String label = p.label ?: config.train.agent
    String image = p.image != null ? p.image : config.train.image
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
                List train = ['train']
                if (p.store) {
                    train += ['--store', p.store]
                }
                if (p.force) {
                    train += ['--force']
                }
                Map result
                if (image) {
                    String digest = sh(returnStdout: true, label: 'image digest', script:
                            "docker pull -q ${Shell.quote(image)} >/dev/null && docker image inspect --format '{{index .RepoDigests 0}}' ${Shell.quote(image)}").trim()
                    String jar = cli.localize()
                    docker.image(image).inside("${p.gpus ? '--gpus all ' : ''}${p.dockerArgs ?: config.train.dockerArgs.join(' ')}") {
                        withEnv(["MLCI_IMAGE_DIGEST=${digest}".toString(), "MLCI_CLI=${jar}".toString()]) {
                            result = new MlciCli(this).json(train + ['--executor', 'local'], 'mlci train')
                        }
                    }
                } else {
                    result = cli.json(train, 'mlci train')
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
