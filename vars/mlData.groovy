import com.cloudbees.groovy.cps.NonCPS
import io.mlci.pipeline.MlciCli
import io.mlci.pipeline.NativeSteps
import io.mlci.pipeline.Params
import io.mlci.pipeline.TargetPin

/**
 * mlData: fetches exactly the data versions the repository's pointers name (DVC .dvc files and
 * dvc.lock), verifies every object, places it in the workspace, prints the lineage and returns
 * it: pointer -> [path, hash, commit, date]. Called right after the checkout, it first pins a pull
 * request's target commit, before any of the pull request's code runs.
 */
def call(Map args = [:]) {
    Map p = new Params(this, 'mlData').check(args, [remote: String, targets: List, jobs: Integer, link: String])
    TargetPin.afterCheckout(this)
    NativeSteps plugin = new NativeSteps(this)
    if (plugin.available()) {
        return plugin.call('mlData', p, ['remote', 'targets', 'jobs', 'link'])
    }
    MlciCli cli = new MlciCli(this)
    List pull = ['data', 'pull']
    if (p.remote) {
        pull += ['--remote', p.remote]
    }
    if (p.jobs) {
        pull += ['-j', p.jobs.toString()]
    }
    if (p.link) {
        pull += ['--link', p.link]
    }
    cli.run(pull + (p.targets ?: []), 'mlci data pull')
    Map status = cli.json(['data', 'status'] + (p.targets ?: []), 'mlci data status')
    if (status.status != 0) {
        error('mlData: mlci data status failed; see the log above')
    }
    Map lineage = lineageOf(status.value)
    echo(describe(lineage))
    return lineage
}

@NonCPS
private static Map lineageOf(Map status) {
    Map lineage = [:]
    status.outputs.findAll { it.role == 'out' }.each { out ->
        lineage[out.stage ? "${out.pointer}:${out.stage}".toString() : out.pointer] =
                [path: out.path, hash: out.md5, commit: out.lineage?.commit, date: out.lineage?.date, status: out.status]
    }
    return lineage
}

@NonCPS
private static String describe(Map lineage) {
    if (lineage.isEmpty()) {
        return 'mlData: no data pointers in this repository'
    }
    return 'mlData: data versions\n' + lineage.collect { pointer, v ->
        "  ${v.path}  ${v.hash}  via ${pointer}" + (v.commit ? " @ ${v.commit.take(10)} (${v.date})" : ' (uncommitted)')
    }.join('\n')
}
