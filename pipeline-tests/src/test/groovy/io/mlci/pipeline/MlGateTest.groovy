package io.mlci.pipeline

import groovy.json.JsonOutput
import org.junit.Test

import static org.junit.Assert.assertEquals
import static org.junit.Assert.assertFalse
import static org.junit.Assert.assertTrue
import static org.junit.Assert.fail

class MlGateTest extends PipelineTestSupport {

    /** What mlci gate --json prints; the check's title and conclusion come from the CLI (tested there and in PullRequestFlowTest). */
    private static String verdict(String verdict, double delta) {
        String title = String.format(Locale.ROOT, '%s: accuracy %+.4g (%+.2f%%)', verdict, delta, delta * 100 / 0.9)
        Map check = [title: title, conclusion: [passed: 'SUCCESS', unstable: 'NEUTRAL', failed: 'FAILURE'][verdict]]
        return JsonOutput.toJson([verdict: verdict, conclusion: 'x', check: check, candidateRun: 'r2', rulesFrom: 'mlci.yaml at main (abc)',
                worst: [metric: 'accuracy', slice: '', status: verdict == 'passed' ? 'passed' : verdict, delta: delta,
                        deltaPct: delta * 100 / 0.9, message: 'improvement ' + delta + ' is not >= -0.005'],
                outcomes: [[metric: 'accuracy', slice: '', delta: delta, deltaPct: delta * 100 / 0.9, status: verdict]]])
    }

    private Object gate(String verdictJson, int status) {
        cliJson.gate = verdictJson
        cliStatus.gate = status
        files['.mlci/jenkins/report.md'] = '<!-- mlci-report -->\n## report'
        File script = File.createTempFile('gate', '.groovy')
        script.text = 'return mlGate()'
        return runScript(script.path)
    }

    @Test
    void shouldPublishASuccessfulCheckWhenTheGatePasses() {
        env.BUILD_URL = 'https://ci.example/job/churn/PR-7/3/'
        gate(verdict('passed', 0.01), 0)

        assertEquals('SUCCESS', buildResult)
        assertEquals(1, checks.size())
        Map check = checks[0]
        assertEquals('mlci', check.name)
        assertEquals('SUCCESS', check.conclusion)
        assertEquals('passed: accuracy +0.01000 (+1.11%)', check.title)
        assertEquals('<!-- mlci-report -->\n## report', check.summary)
        assertEquals('https://ci.example/job/churn/PR-7/3/mlci-dashboard/', check.detailsURL)
        assertTrue(shScripts.any { it.contains("'dashboard' '-o' '.mlci/jenkins/dashboard/index.html'") })
        assertTrue(shScripts.any { it.contains("'--dashboard-url' 'https://ci.example/job/churn/PR-7/3/mlci-dashboard/'") })
    }

    @Test
    void shouldMarkTheBuildUnstableWithANeutralCheck() {
        gate(verdict('unstable', -0.004), 4)

        assertEquals('UNSTABLE', buildResult)
        assertEquals('NEUTRAL', checks[0].conclusion)
        assertTrue(checks[0].title.startsWith('unstable: accuracy -0.00400'))
    }

    @Test
    void shouldFailTheBuildWithAFailureCheck() {
        try {
            gate(verdict('failed', -0.02), 3)
            fail('a failed gate fails the build')
        } catch (PipelineError e) {
            assertTrue(e.message, e.message.startsWith('mlGate: failed — accuracy: improvement -0.02'))
        }
        assertEquals('FAILURE', buildResult)
        assertEquals('FAILURE', checks[0].conclusion)
    }

    @Test
    void shouldReadAPullRequestsRulesAtItsPinnedTargetCommit() {
        env.CHANGE_ID = '7'
        env.CHANGE_TARGET = 'release/2.0'
        env.MLCI_TARGET_COMMIT = '3f46737d12aa0f6e2b1c9d8e7f6a5b4c3d2e1f00'
        gate(verdict('passed', 0.0), 0)

        String command = shScripts.find { it.contains("'gate'") }
        assertTrue(command, command.contains("'--target' 'release/2.0' '--target-commit' '3f46737d12aa0f6e2b1c9d8e7f6a5b4c3d2e1f00'"))
        assertFalse(command, command.contains('--rules-from'))
    }

    @Test
    void shouldStopWhenTheGateCannotJudge() {
        try {
            gate('', 1)
            fail('an error of mlci gate fails the step')
        } catch (PipelineError e) {
            assertEquals('mlGate: mlci gate could not judge the run; see the log above', e.message)
        }
        assertTrue(checks.isEmpty())
    }
}
