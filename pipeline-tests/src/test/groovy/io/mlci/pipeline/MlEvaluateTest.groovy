package io.mlci.pipeline

import groovy.json.JsonOutput
import org.junit.Test

import static org.junit.Assert.assertEquals
import static org.junit.Assert.assertTrue

class MlEvaluateTest extends PipelineTestSupport {

    @Test
    void shouldReportWithoutChangingTheBuild() {
        cliJson.report = JsonOutput.toJson([candidate: 'run-2', baseline: 'run-1', gate: [verdict: 'failed'],
                                            metrics: [[name: 'accuracy', old: 0.9, now: 0.8, change: -0.1]]])
        files['.mlci/jenkins/report.md'] = '## report'
        env.CHANGE_ID = '4'
        env.CHANGE_TARGET = 'main'
        File script = File.createTempFile('evaluate', '.groovy')
        script.text = 'return mlEvaluate(run: "run-2")'

        Map summary = runScript(script.path)

        assertEquals('SUCCESS', buildResult)
        assertEquals('failed', summary.verdict)
        assertEquals([base: 0.9, value: 0.8, change: -0.1], summary.metrics.accuracy)
        assertTrue(shScripts.every { !it.contains("'gate'") })
        assertTrue(shScripts.any { it.contains("'report' '--md' '-o' '.mlci/jenkins/report.md' '--run' 'run-2' '--target' 'main'") })
        assertEquals('.mlci/jenkins/report.md,.mlci/jenkins/report.html', archived[0].artifacts)
        assertTrue(echoes.contains('## report'))
    }

    @Test
    void shouldAskForTheTargetsOwnEvaluationWhenTrusted() {
        cliJson.report = JsonOutput.toJson([candidate: 'run-2', baseline: 'run-1', gate: [verdict: 'passed'], metrics: []])
        files['.mlci/jenkins/report.md'] = '## report'
        env.CHANGE_ID = '4'
        env.CHANGE_TARGET = 'main'
        env.MLCI_TARGET_COMMIT = '3f46737d12aa3f46737d12aa3f46737d12aa3f46'
        File script = File.createTempFile('evaluate', '.groovy')
        script.text = 'return mlEvaluate(trusted: true)'

        runScript(script.path)

        assertTrue(shScripts.findAll { it.contains("'report'") }.every {
            it.contains("'--target-commit' '3f46737d12aa3f46737d12aa3f46737d12aa3f46' '--trusted'")
        })
        assertTrue(shScripts.count { it.contains("'report'") } == 3)
    }
}
