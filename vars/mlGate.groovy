import io.mlci.pipeline.MlciCli
import io.mlci.pipeline.NativeSteps
import io.mlci.pipeline.Params
import io.mlci.pipeline.Reviews

/**
 * mlGate: judges the run against its baseline with the gate rules — for pull requests the rules
 * of the target branch's mlci.yaml — publishes a check with the metric-delta report and the
 * dashboard, and sets the build result: passed leaves it, unstable marks it UNSTABLE, failed
 * fails it. Returns the verdict (the JSON of mlci gate).
 */
def call(Map args = [:]) {
    Map p = new Params(this, 'mlGate').check(args, [run: String, base: String, target: String, rulesFrom: String,
            store: String, checkName: String, dashboard: Boolean, failBuild: Boolean, trusted: Boolean],
            [checkName: 'mlci', dashboard: true, failBuild: true])
    NativeSteps plugin = new NativeSteps(this)
    if (plugin.available()) {
        // The plugin publishes the check and the build page itself; its job page charts the trends.
        return plugin.call('mlGate', p, ['run', 'base', 'target', 'rulesFrom', 'store', 'checkName', 'failBuild', 'trusted'])
    }
    MlciCli cli = new MlciCli(this)
    String report = '.mlci/jenkins/report.md'
    String dashboardUrl = p.dashboard && env.BUILD_URL ? "${env.BUILD_URL}mlci-dashboard/".toString() : null
    List gate = ['gate', '--report', report] + Reviews.options(p, env)
    if (dashboardUrl) {
        gate += ['--dashboard-url', dashboardUrl]
    }
    Map result = cli.json(gate, 'mlci gate')
    if (!(result.status in [0, 3, 4]) || result.value == null) {
        error('mlGate: mlci gate could not judge the run; see the log above')
    }
    Map verdict = result.value
    if (p.dashboard) {
        mlDashboardPublish(cli, p.store)
    }
    publishChecks(name: p.checkName, title: verdict.check.title, summary: readFile(report),
            conclusion: verdict.check.conclusion, detailsURL: dashboardUrl ?: env.BUILD_URL ?: '')
    String message = "mlGate: ${verdict.verdict}" + (verdict.worst ? " — ${verdict.worst.metric}: ${verdict.worst.message}" : '')
    if (verdict.verdict == 'failed' && p.failBuild) {
        error(message)
    } else if (verdict.verdict == 'unstable' || (verdict.verdict == 'failed' && !p.failBuild)) {
        unstable(message)
    } else {
        echo(message)
    }
    return verdict
}

/** Builds the dashboard and publishes it on the build page. */
private void mlDashboardPublish(MlciCli cli, String store) {
    List dashboard = ['dashboard', '-o', '.mlci/jenkins/dashboard/index.html']
    if (store) {
        dashboard += ['--store', store]
    }
    cli.run(dashboard, 'mlci dashboard')
    publishHTML(target: [reportDir: '.mlci/jenkins/dashboard', reportFiles: 'index.html', reportName: 'mlci dashboard',
                         keepAll: true, alwaysLinkToLastBuild: true, allowMissing: false])
}
