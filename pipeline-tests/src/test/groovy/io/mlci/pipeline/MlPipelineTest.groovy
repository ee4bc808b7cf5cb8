package io.mlci.pipeline

import groovy.json.JsonOutput
import org.junit.Before
import org.junit.Test

import static org.junit.Assert.assertEquals
import static org.junit.Assert.assertTrue

class MlPipelineTest extends PipelineTestSupport {

    @Before
    void cannedAnswers() {
        cliJson.config = JsonOutput.toJson([train: [agent: 'gpu', image: null, retries: 1, timeoutSeconds: 600, dockerArgs: []]])
        cliJson.data = JsonOutput.toJson([outputs: []])
        cliJson.train = JsonOutput.toJson([skipped: false, run: [id: 'run-7', status: 'succeeded', metrics: [:], outputs: []]])
        cliJson.gate = JsonOutput.toJson([verdict: 'unstable', check: [title: 'unstable: loss', conclusion: 'NEUTRAL'], worst: [metric: 'loss', slice: '', status: 'unstable', message: 'm'],
                                          outcomes: []])
        cliJson.report = JsonOutput.toJson([candidate: 'run-7', baseline: null, gate: [verdict: 'passed'], metrics: []])
    }

    private Map pipeline() {
        File script = File.createTempFile('pipeline', '.groovy')
        script.text = 'return mlPipeline()'
        return runScript(script.path)
    }

    @Test
    void shouldGatePullRequestsOnTheTrainingAgent() {
        env.CHANGE_ID = '2'
        env.CHANGE_TARGET = 'main'
        Map result = pipeline()

        assertEquals('run-7', result.runId)
        assertEquals('unstable', result.verdict.verdict)
        assertEquals('UNSTABLE', buildResult)
        assertTrue(shScripts.any { it.contains("'gate'") && it.contains("'--run' 'run-7'") })
    }

    @Test
    void shouldGateAndRegisterPassingRunsOfMain() {
        env.BRANCH_NAME = 'main'
        cliJson.gate = JsonOutput.toJson([verdict: 'passed', check: [title: 'passed: no rules', conclusion: 'SUCCESS'], worst: null, outcomes: []])
        cliJson.model = JsonOutput.toJson([model: 'churn', version: 5])
        Map result = pipeline()

        assertEquals('models:/churn/5', result.registered)
        assertTrue(shScripts.any { it.contains("'model' 'register' '--run' 'run-7'") })
    }

    @Test
    void shouldOnlyEvaluateOtherBranches() {
        Map result = pipeline()

        assertEquals(null, result.verdict)
        assertTrue(checks.isEmpty())
        assertTrue(shScripts.every { !it.contains("'gate'") })
        assertTrue(shScripts.any { it.contains("'report'") && it.contains("'--run' 'run-7'") })
    }
}
