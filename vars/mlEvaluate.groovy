import com.cloudbees.groovy.cps.NonCPS
import io.mlci.pipeline.MlciCli
import io.mlci.pipeline.NativeSteps
import io.mlci.pipeline.Params
import io.mlci.pipeline.Reviews

/**
 * mlEvaluate: compares the run's metrics with its baseline (the newest passing run of the target
 * branch, or as mlci.yaml's gate.baseline says), prints the metric-delta table, archives the
 * report (Markdown and HTML), and returns [baseline, verdict, metrics]. Records nothing and never
 * changes the build result: mlGate does that.
 */
def call(Map args = [:]) {
    Map p = new Params(this, 'mlEvaluate').check(args, [run: String, base: String, target: String, rulesFrom: String,
            store: String, archive: Boolean, trusted: Boolean], [archive: true])
    NativeSteps plugin = new NativeSteps(this)
    if (plugin.available()) {
        return plugin.call('mlEvaluate', p, ['run', 'base', 'target', 'rulesFrom', 'store', 'trusted'])
    }
    MlciCli cli = new MlciCli(this)
    List options = Reviews.options(p, env)
    cli.run(['report', '--md', '-o', '.mlci/jenkins/report.md'] + options, 'mlci report')
    cli.run(['report', '--html', '-o', '.mlci/jenkins/report.html'] + options, 'mlci report --html')
    Map result = cli.json(['report'] + options, 'mlci report --json')
    if (result.status != 0 || result.value == null) {
        error('mlEvaluate: mlci report failed; see the log above')
    }
    echo(readFile('.mlci/jenkins/report.md'))
    if (p.archive) {
        archiveArtifacts(artifacts: '.mlci/jenkins/report.md,.mlci/jenkins/report.html', fingerprint: false)
    }
    return summary(result.value)
}

@NonCPS
private static Map summary(Map report) {
    return [candidate: report.candidate, baseline: report.baseline, verdict: report.gate.verdict,
            metrics: report.metrics.collectEntries { [(it.name): [base: it.old, value: it.now, change: it.change]] }]
}
