package io.mlci.pipeline

import groovy.json.JsonOutput
import org.junit.Before
import org.junit.Test

import static org.junit.Assert.assertEquals
import static org.junit.Assert.assertTrue
import static org.junit.Assert.fail

class MlPromoteTest extends PipelineTestSupport {

    List<Map> inputs = []
    List credentials = []

    @Before
    void fakeSteps() {
        helper.registerAllowedMethod('input', [Map], { Map m -> inputs << m })
        helper.registerAllowedMethod('usernamePassword', [Map], { Map m -> m })
        helper.registerAllowedMethod('withCredentials', [List, Closure], { List c, Closure body -> credentials.addAll(c); body.call() })
        cliJson.model = JsonOutput.toJson([model: 'churn', version: 3, runId: 'run-3', gateVerdict: 'passed'])
    }

    private Object promote(String call) {
        File script = File.createTempFile('promote', '.groovy')
        script.text = "return ${call}"
        return runScript(script.path)
    }

    private String failure(String call) {
        try {
            promote(call)
            fail('expected mlPromote to refuse')
        } catch (PipelineError e) {
            return e.message
        }
        return null
    }

    @Test
    void shouldPromoteAfterApprovalWithCredentialsBoundOnlyForTheStep() {
        Map promoted = promote('mlPromote(model: "churn", version: "@staging", to: "production", reason: "A/B won; ship it", ' +
                'approval: true, approvers: "ml-leads", credentialsId: "registry-writer")')

        assertEquals(3, promoted.version)
        assertEquals('ml-leads', inputs[0].submitter)
        assertTrue(inputs[0].message.contains('churn version 3 (run run-3) to production'))
        assertEquals('registry-writer', credentials[0].credentialsId)
        assertTrue(shScripts.any { it.endsWith("'model' 'promote' 'churn' '@staging' '--to' 'production' '--reason' 'A/B won; ship it'") })
        assertTrue(echoes.every { !it.contains('AWS_SECRET_ACCESS_KEY') })
    }

    @Test
    void shouldRefuseAVersionWhoseGateDidNotPass() {
        cliJson.model = JsonOutput.toJson([model: 'churn', version: 4, runId: 'run-4', gateVerdict: 'failed', reason: 'hotfix'])

        String message = failure('mlPromote(model: "churn", version: "4", to: "production")')

        assertTrue(message, message.contains('was registered although its gate failed (hotfix); it is not promoted'))
        assertTrue(shScripts.every { !it.contains("'promote'") })
    }

    @Test
    void shouldRefuseToRunInAPullRequest() {
        env.CHANGE_ID = '12'
        assertEquals('mlPromote: pull-request builds cannot promote models; run the promotion job',
                failure('mlPromote(model: "churn", version: "3", to: "production")'))
    }

    @Test
    void shouldRequireModelVersionAndStage() {
        assertTrue(failure('mlPromote(model: "churn", to: "production")').startsWith("mlPromote: parameter 'version' is required"))
    }
}
