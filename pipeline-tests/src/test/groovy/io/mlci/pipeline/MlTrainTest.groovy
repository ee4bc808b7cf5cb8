package io.mlci.pipeline

import groovy.json.JsonOutput
import org.junit.Before
import org.junit.Test

import static org.junit.Assert.assertEquals
import static org.junit.Assert.assertFalse
import static org.junit.Assert.assertTrue
import static org.junit.Assert.fail

class MlTrainTest extends PipelineTestSupport {

    List nodes = []
    List registries = []
    boolean insideCalled

    @Before
    void fakeDockerAndCli() {
        binding.setVariable('docker', [
                image       : { String image -> [inside: { String args, Closure body -> insideCalled = true; body.call() }] },
                withRegistry: { String url, String credentialsId, Closure body ->
                    // records how many trainings ran inside: the CLI pulls the image while logged in
                    int before = trainings()
                    def result = body.call()
                    registries << [url, credentialsId, trainings() - before]
                    result
                }])
        helper.registerAllowedMethod('node', [String, Closure], { String label, Closure c -> nodes << label; c.call() })
        cliJson.config = JsonOutput.toJson([train: [agent: 'gpu-a10g', image: 'pytorch/pytorch:2.4.0-cuda12.1-cudnn9-runtime',
                                                   retries: 2, timeoutSeconds: 3600, dockerArgs: ['--shm-size=16g'],
                                                   gpus: 'true', registry: null, registryCredentialsId: null,
                                                   outputs: ['model/']]])
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

    private int trainings() {
        return shScripts.count { it.contains("'train'") }
    }

    private String trainCommand() {
        return shScripts.find { it.contains("'train'") }
    }

    @Test
    void shouldRunTheCliOnTheAgentWithTheDockerExecutorAndNoInside() {
        Map result = train('mlTrain()')

        assertEquals('run-1', result.runId)
        assertEquals('gpu-a10g', nodes.last())
        assertFalse('the training image needs nothing from mlci: no .inside', insideCalled)
        assertTrue(trainCommand(), trainCommand().startsWith("mkdir -p .mlci/jenkins && java -jar '/opt/mlci/mlci.jar' --json "
                + "'train' '--executor' 'docker' '--image' 'pytorch/pytorch:2.4.0-cuda12.1-cudnn9-runtime' > '.mlci/jenkins/"))
        assertFalse(shScripts.any { it.contains('docker pull') })
        Map retry = callsOf('retry')[0].args[0]
        assertEquals(3, retry.count)
        assertEquals(['agent', 'nonresumable'], retry.conditions)
        assertEquals("3 attempts of 60 min and 30 min for the rest", 210, callsOf("timeout")[0].args[0].time)
        assertEquals([artifacts: 'model/**,metrics.json', fingerprint: true], archived[0])
        assertTrue(registries.isEmpty())
    }

    @Test
    void shouldPassTheStepsImageGpusAndDockerArgsToTheCli() {
        train('mlTrain(image: "nvidia/cuda:12.4.1-runtime-ubuntu22.04", gpus: "optional", dockerArgs: "--shm-size=8g --ipc=host")')

        assertTrue(trainCommand(), trainCommand().contains("'--executor' 'docker' '--image' 'nvidia/cuda:12.4.1-runtime-ubuntu22.04' "
                + "'--gpus' 'optional' '--docker-args' '--shm-size=8g --ipc=host'"))
        train('mlTrain(gpus: false)')
        assertTrue(shScripts.last(), shScripts.findAll { it.contains("'train'") }.last().contains("'--gpus' 'false'"))
    }

    @Test
    void shouldRefuseAGpusValueItDoesNotKnow() {
        try {
            train('mlTrain(gpus: "some")')
            fail('an unknown gpus value fails the step')
        } catch (PipelineError e) {
            assertEquals("mlTrain: parameter 'gpus' must be true, false or 'optional', got 'some'", e.message)
        }
    }

    @Test
    void shouldLogTheAgentInToAPrivateRegistryAroundTheCli() {
        train('mlTrain(image: "registry.example.com/team/train:3", registry: "registry.example.com", registryCredentialsId: "harbor-ci")')

        assertEquals([['https://registry.example.com', 'harbor-ci', 1]], registries)
    }

    @Test
    void shouldTakeTheRegistryFromMlciYaml() {
        cliJson.config = JsonOutput.toJson([train: [agent: 'gpu', image: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/train:3',
                                                   retries: 0, timeoutSeconds: null, dockerArgs: [],
                                                   registry: 'https://123456789012.dkr.ecr.eu-west-1.amazonaws.com',
                                                   registryCredentialsId: 'ecr:eu-west-1:ci-role', outputs: []]])
        train('mlTrain()')

        assertEquals([['https://123456789012.dkr.ecr.eu-west-1.amazonaws.com', 'ecr:eu-west-1:ci-role', 1]], registries)
    }

    @Test
    void shouldNotSendRegistryCredentialsWhereAConfigNotReadAtThePinnedTargetSays() {
        env.putAll([CHANGE_ID: '7', CHANGE_TARGET: 'main', MLCI_TARGET_COMMIT: 'a' * 40])
        train('mlTrain(config: [train: [agent: "gpu", image: "registry.evil.example/x:1", retries: 0, dockerArgs: [], ' +
                'registry: "registry.evil.example", registryCredentialsId: "prod-registry", outputs: []]])')

        assertTrue(registries.isEmpty())
        assertTrue(echoes.toString(), echoes.any { it.startsWith('mlTrain: WARNING: in a pull request, train.registryCredentialsId') })
        train('mlTrain(registry: "registry.example.com", registryCredentialsId: "harbor-ci")')
        assertEquals([['https://registry.example.com', 'harbor-ci', 1]], registries)
    }

    @Test
    void shouldLogInWithTheTargetsRegistryCredentialsInAPullRequest() {
        // the answer of 'mlci config' in a pinned pull-request build: the target's registry and credentials
        cliJson.config = JsonOutput.toJson([train: [agent: 'gpu', image: 'registry.example.com/x:1', retries: 0,
                                                   timeoutSeconds: null, dockerArgs: [], registry: 'registry.example.com',
                                                   registryCredentialsId: 'harbor-ci', outputs: []]])
        env.putAll([CHANGE_ID: '7', CHANGE_TARGET: 'main'])

        train('mlTrain()')

        assertEquals(PINNED_TARGET, env.MLCI_TARGET_COMMIT)
        assertEquals([['https://registry.example.com', 'harbor-ci', 1]], registries)
        assertFalse(echoes.toString(), echoes.any { it.startsWith('mlTrain: WARNING') })
    }

    @Test
    void shouldHandTheAdministratorsTrustedDockerArgsToTheCli() {
        env.MLCI_TRUSTED_DOCKER_ARGS = '--privileged'
        train('mlTrain()')

        List<String> withEnv = callsOf('withEnv')[0].args[0]
        assertEquals(['MLCI_TRUSTED_DOCKER_ARGS=--privileged'], withEnv)
    }

    @Test
    void shouldRunWithoutAContainerWhenThereIsNoImage() {
        train('mlTrain(label: "cpu", image: "", retries: 0)')

        assertEquals('cpu', nodes.last())
        assertEquals(1, callsOf('retry')[0].args[0].count)
        assertTrue(trainCommand(), trainCommand().contains("--json 'train' '--executor' 'local' > "))
        assertTrue(registries.isEmpty())
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

    private void dvcPipelineRepository() {
        cliJson.config = JsonOutput.toJson([train: [agent: 'gpu-a10g', image: 'python:3.12-slim', retries: 1,
                                                   timeoutSeconds: 600, dockerArgs: [], gpus: 'false', registry: null,
                                                   registryCredentialsId: null, outputs: [], pipeline: 'dvc']])
        cliJson.repro = JsonOutput.toJson([skipped: false, reusedFrom: null, store: '.mlci',
                run: [id: 'run-7', status: 'succeeded', metrics: [avg_prec: 0.9],
                      outputs: [[path: 'model.pkl', files: []], [path: 'data/features', files: [[path: 'data/features/test.pkl']]]]],
                stages: [[stage: 'prepare', state: 'restored'], [stage: 'featurize', state: 'restored'],
                         [stage: 'train', state: 'unchanged'], [stage: 'evaluate', state: 'ran']]])
    }

    private String reproCommand() {
        return shScripts.find { it.contains("'repro'") }
    }

    @Test
    void shouldRunTheDvcPipelineWithReproAndTheSameImageRetryAndArchive() {
        dvcPipelineRepository()
        Map result = train('mlTrain(force: true, store: "s3://ml-runs/nlp", dockerArgs: "--shm-size=8g")')

        assertEquals(null, trainCommand())
        assertTrue(reproCommand(), reproCommand().contains("--json 'repro' '--store' 's3://ml-runs/nlp' '--force' "
                + "'--executor' 'docker' '--image' 'python:3.12-slim' '--docker-args' '--shm-size=8g' > '.mlci/jenkins/"))
        assertEquals('gpu-a10g', nodes.last())
        Map retry = callsOf('retry')[0].args[0]
        assertEquals(2, retry.count)
        assertEquals(['agent', 'nonresumable'], retry.conditions)
        assertEquals('train.timeout bounds each stage command, not the pipeline', 24 * 60, callsOf('timeout')[0].args[0].time)
        assertEquals('run-7', result.runId)
        assertEquals(['prepare', 'featurize', 'train', 'evaluate'], result.stages*.stage)
        assertEquals([artifacts: 'model.pkl,data/features/**', fingerprint: true], archived[0])
        assertTrue(echoes.toString(), echoes.contains(
                'mlTrain: run run-7 succeeded (prepare restored, featurize restored, train unchanged, evaluate ran)'))
    }

    @Test
    void shouldRunReproAsALocalProcessWithoutAnImageAndLogInToTheRegistryAroundIt() {
        dvcPipelineRepository()
        train('mlTrain(image: "")')
        assertTrue(reproCommand(), reproCommand().contains("--json 'repro' '--executor' 'local' > "))

        train('mlTrain(image: "registry.example.com/team/nlp:3", registry: "registry.example.com", registryCredentialsId: "harbor-ci")')
        assertEquals([['https://registry.example.com', 'harbor-ci', 0]], registries)
        assertTrue(shScripts.findAll { it.contains("'repro'") }.last().contains("'--image' 'registry.example.com/team/nlp:3'"))
    }

    @Test
    void shouldFailNamingTheFailedStageAndRefuseSetForAPipeline() {
        dvcPipelineRepository()
        cliJson.repro = JsonOutput.toJson([skipped: false, run: [id: 'run-8', status: 'failed', outputs: [], metrics: [:],
                message: 'stage train failed: command exited with status 3'], stages: []])
        cliStatus.repro = 1
        try {
            train('mlTrain(image: "")')
            fail('a failed stage fails the step')
        } catch (PipelineError e) {
            assertEquals('mlTrain: the pipeline failed: stage train failed: command exited with status 3; see the log above', e.message)
        }
        assertTrue(archived.isEmpty())
        try {
            train('mlTrain(set: [lr: 0.1])')
            fail('-S has no meaning for mlci repro')
        } catch (PipelineError e) {
            assertTrue(e.message, e.message.startsWith("mlTrain: parameter 'set' changes params before 'mlci train'"))
        }
    }
}
