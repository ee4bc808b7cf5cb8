package io.mlci.pipeline

import org.junit.Test

import static org.junit.Assert.assertEquals
import static org.junit.Assert.assertTrue
import static org.junit.Assert.fail

class ParamsCheckTest extends PipelineTestSupport {

    private String failureOf(String script) {
        try {
            runScript(script)
            fail('expected the step to fail')
        } catch (PipelineError e) {
            return e.message
        }
        return null
    }

    @Test
    void shouldRejectUnknownParametersListingTheKnownOnes() {
        Map scripts = [
                mlData    : 'mlData(remot: "x")',
                mlTrain   : 'mlTrain(lable: "gpu")',
                mlEvaluate: 'mlEvaluate(baseline: "main")',
                mlGate    : 'mlGate(rules: "main")',
                mlPipeline: 'mlPipeline(imag: "x")',
        ]
        scripts.each { step, call ->
            File script = File.createTempFile('call', '.groovy')
            script.text = call
            String message = failureOf(script.path)
            assertTrue(message, message.startsWith("${step}: unknown parameter"))
            assertTrue(message, message.contains('(known: '))
        }
    }

    @Test
    void shouldRejectWrongTypes() {
        File script = File.createTempFile('call', '.groovy')
        script.text = 'mlData(targets: "data.dvc")'
        assertEquals("mlData: parameter 'targets' must be a List, got String (known: jobs, link, remote, targets)",
                failureOf(script.path))
    }
}
