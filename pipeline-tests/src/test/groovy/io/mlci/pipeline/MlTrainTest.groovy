package io.mlci.pipeline

import groovy.json.JsonOutput
import org.junit.Before
import org.junit.Test

import static org.junit.Assert.assertEquals
import static org.junit.Assert.assertTrue
import static org.junit.Assert.fail

class MlTrainTest extends PipelineTestSupport {

    String insideArgs
    List nodes = []

    @Before
    void fakeDockerAndCli() {
        binding.setVariable('docker', [image: { String image ->
            [inside: { String args, Closure body -> insideArgs = "${image} ${args}".toString(); body.call() }]
        }])
        helper.registerAllowedMethod('node', [String, Closure], { String label, Closure c -> nodes << label; c.call() })
        cliJson.config = JsonOutput.toJson([train: [agent: 'gpu-a10g', image: 'pytorch/pytorch:2.4.0', retries: 2,
                                                   timeoutSeconds: 3600, dockerArgs: ['--shm-size=16g'], outputs: ['model/']]])
        cliJson.data = JsonOutput.toJson([outputs: [[pointer: 'data.dvc', role: 'out', path: 'data', md5: 'abc.dir',
                                                     status: 'present', lineage: [commit: 'c0ffee1234567', date: '2026-11-01']]]])
        cliJson.train = JsonOutput.toJson([skipped: false, reusedFrom: null, run: [id: 'run-1', status: 'succeeded',
                metrics: [accuracy: 0.91], outputs: [[path: 'model', files: [[path: 'model/w.bin']]], [path: 'metrics.json', files: []]]]])
    }

    private Object train(String call) {
        File script = File.createTempFile('train', '.groovy')
        script.text = "return ${call}"
        return runScript(script.path)
    }

    @Test
    void shouldTrainOnTheGpuLabelInsideTheImageAndArchiveWithFingerprints() {
        Map result = train('mlTrain()')

        assertEquals('run-1', result.runId)
        assertEquals('gpu-a10g', nodes.last())
        assertEquals('pytorch/pytorch:2.4.0 --gpus all --shm-size=16g', insideArgs)
        Map retry = callsOf('retry')[0].args[0]
        assertEquals(3, retry.count)
        assertEquals(['agent', 'nonresumable'], retry.conditions)
        assertEquals("3 attempts of 60 min and 30 min for the rest", 210, callsOf("timeout")[0].args[0].time)
        assertEquals([artifacts: 'model/**,metrics.json', fingerprint: true], archived[0])
        String command = shScripts.find { it.contains("'train'") }
        assertTrue(command, command.contains("'--executor' 'local'"))
        assertTrue(shScripts.any { it.startsWith('docker pull -q \'pytorch/pytorch:2.4.0\'') })
        List<String> withEnv = callsOf('withEnv')[0].args[0]
        assertTrue(withEnv.toString(), withEnv.any { it.startsWith('MLCI_IMAGE_DIGEST=') } && withEnv.contains('MLCI_CLI=/workspace/.mlci/jenkins/mlci.jar'))
    }

    @Test
    void shouldRunWithoutAContainerWhenThereIsNoImage() {
        train('mlTrain(label: "cpu", image: "", retries: 0)')

        assertEquals(null, insideArgs)
        assertEquals('cpu', nodes.last())
        assertEquals(1, callsOf('retry')[0].args[0].count)
        assertTrue(shScripts.find { it.contains("'train'") }.endsWith("'train' > '.mlci/jenkins/train.json'"))
    }

    @Test
    void shouldFailTheStepWhenTheTrainingFails() {
        cliJson.train = JsonOutput.toJson([skipped: false, run: [id: 'run-2', status: 'timed-out', message: 'stopped after 3600 s',
                                                                outputs: [], metrics: [:]]])
        cliStatus.train = 1
        try {
            train('mlTrain(image: "")')
            fail('a failed training fails the step')
        } catch (PipelineError e) {
            assertEquals('mlTrain: the training timed-out: stopped after 3600 s; see the log above', e.message)
        }
        assertTrue(archived.isEmpty())
    }
}
