package io.mlci.pipeline

import com.fasterxml.jackson.databind.ObjectMapper
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory
import groovy.json.JsonOutput
import org.junit.Before
import org.junit.Test

import static org.junit.Assert.assertEquals
import static org.junit.Assert.assertFalse
import static org.junit.Assert.assertTrue

/** Every example Jenkinsfile runs against the library, so none of them rots; the JCasC files parse. */
class ExamplesTest extends PipelineTestSupport {

    List<String> nodes = []
    List<String> stagesRun = []

    /** A stage whose `when` does not hold is skipped, as in declarative pipelines. */
    static class SkipStage extends RuntimeException {
    }

    @Before
    void fakeJenkins() {
        cliJson.config = JsonOutput.toJson([train: [agent: 'gpu', image: null, retries: 0, timeoutSeconds: null, dockerArgs: []]])
        cliJson.data = JsonOutput.toJson([outputs: []])
        cliJson.train = JsonOutput.toJson([skipped: true, reusedFrom: 'run-0', run: [id: 'run-1', status: 'reused', metrics: [:],
                                                                                    outputs: [[path: 'model.pt', files: []]]]])
        cliJson.gate = JsonOutput.toJson([verdict: 'passed', check: [title: 'passed: no rules', conclusion: 'SUCCESS'], outcomes: [], worst: null])
        cliJson.report = JsonOutput.toJson([candidate: 'run-1', baseline: 'run-0', gate: [verdict: 'passed'], metrics: []])
        binding.setVariable('docker', [withRegistry: { String url, String id, Closure c -> c.call() }])
        binding.setVariable('none', 'none')
        helper.registerAllowedMethod('node', [String, Closure], { String label, Closure c -> nodes << label; c.call() })
        helper.registerAllowedMethod('properties', [List], { })
        helper.registerAllowedMethod('pipelineTriggers', [List], { it })
        helper.registerAllowedMethod('cron', [String], { it })
        helper.registerAllowedMethod('pipeline', [Closure], { Closure c -> c.call() })
        helper.registerAllowedMethod('agent', [String], { })
        helper.registerAllowedMethod('agent', [Closure], { Closure c -> c.call() })
        helper.registerAllowedMethod('label', [String], { String l -> nodes << l })
        helper.registerAllowedMethod('options', [Closure], { Closure c -> c.call() })
        helper.registerAllowedMethod('buildDiscarder', [Object], { })
        helper.registerAllowedMethod('logRotator', [Map], { it })
        helper.registerAllowedMethod('timeout', [Map], { })
        helper.registerAllowedMethod('stages', [Closure], { Closure c -> c.call() })
        helper.registerAllowedMethod('stage', [String, Closure], { String name, Closure c ->
            try {
                c.call()
                stagesRun << name
            } catch (SkipStage skipped) {
                // when {} did not hold
            }
        })
        helper.registerAllowedMethod('when', [Closure], { Closure c -> if (!c.call()) { throw new SkipStage() } })
        helper.registerAllowedMethod('changeRequest', [], { env.CHANGE_ID != null })
        helper.registerAllowedMethod('steps', [Closure], { Closure c -> c.call() })
        helper.registerAllowedMethod('script', [Closure], { Closure c -> c.call() })
    }

    private void example(String name) {
        runScript(ROOT.resolve('example-Jenkinsfiles').resolve(name).toString())
    }

    @Test
    void shouldGateAPullRequestInThePrCheck() {
        env.CHANGE_ID = '5'
        env.CHANGE_TARGET = 'main'
        example('pr-check.Jenkinsfile')

        assertEquals('mlci / model quality', checks[0].name)
        assertTrue(shScripts.any { it.contains("'gate'") && it.contains("'--run' 'run-1'") &&
                it.contains("'--target-commit' '${PipelineTestSupport.PINNED_TARGET}'") })
        assertEquals('SUCCESS', buildResult)
    }

    @Test
    void shouldEvaluateOnABranchInThePrCheck() {
        example('pr-check.Jenkinsfile')

        assertTrue(checks.isEmpty())
        assertTrue(shScripts.any { it.contains("'report' '--md'") })
    }

    @Test
    void shouldRunTheOneLiner() {
        env.CHANGE_ID = '9'
        env.CHANGE_TARGET = 'main'
        example('one-liner.Jenkinsfile')

        assertEquals(['gpu'], nodes.findAll { it == 'gpu' })
        assertEquals(1, checks.size())
    }

    @Test
    void shouldTrainOnTheEc2GpuAgentAndGateOnlyPullRequests() {
        // the repository of this example is examples/pytorch: its mlci.yaml names the stock image
        Map train = new ObjectMapper(new YAMLFactory()).readValue(ROOT.resolve('examples/pytorch/mlci.yaml').toFile(), Map).train
        cliJson.config = JsonOutput.toJson([train: [agent: train.agent, image: train.image, retries: train.retries,
                                                   timeoutSeconds: 4 * 3600, dockerArgs: train.dockerArgs]])
        example('gpu-train-ec2.Jenkinsfile')
        assertEquals(['Train'], stagesRun)
        assertTrue(nodes.contains('gpu'))
        assertTrue(shScripts.any { it.contains("'train' '--store' 's3://ml-runs/churn' '--executor' 'docker' '--image' "
                + "'pytorch/pytorch:2.4.0-cuda12.1-cudnn9-runtime'") })
        assertTrue(shScripts.every { !it.contains('docker pull') })

        stagesRun.clear()
        env.CHANGE_ID = '11'
        env.CHANGE_TARGET = 'main'
        example('gpu-train-ec2.Jenkinsfile')
        assertEquals(['Train', 'Gate'], stagesRun)
    }

    @Test
    void shouldRetrainNightlyWithForce() {
        example('nightly-retrain.Jenkinsfile')

        assertTrue(shScripts.any { it.contains("'train' '--force'") })
        assertTrue(shScripts.any { it.contains("'report'") && it.contains("'--base' 'target-branch'") && it.contains("'--target' 'main'") })
        assertTrue(callsOf('properties').size() == 1)
    }

    @Test
    void shouldPromoteInThePromotionJob() {
        binding.setVariable('params', [MODEL: 'churn', VERSION: '@staging', STAGE: 'production', REASON: 'won the A/B test'])
        binding.setVariable('currentBuild', [:])
        cliJson.model = JsonOutput.toJson([model: 'churn', version: 3, runId: 'run-3', gateVerdict: 'passed'])
        List inputs = []
        helper.registerAllowedMethod('parameters', [List], { it })
        helper.registerAllowedMethod('string', [Map], { it })
        helper.registerAllowedMethod('choice', [Map], { it })
        helper.registerAllowedMethod('input', [Map], { Map m -> inputs << m })
        helper.registerAllowedMethod('usernamePassword', [Map], { it })
        helper.registerAllowedMethod('withCredentials', [List, Closure], { List c, Closure body -> body.call() })

        example('promote.Jenkinsfile')

        assertEquals(1, inputs.size())
        assertTrue(shScripts.any { it.contains("'model' 'promote' 'churn' '@staging' '--to' 'production' '--reason' 'won the A/B test'") })
        assertEquals('churn v3 -> production', binding.getVariable('currentBuild').description.toString())
    }

    @Test
    void shouldParseTheConfigurationAsCodeFiles() {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
        def cloud = yaml.readTree(ROOT.resolve('examples/jcasc/ec2-gpu-cloud.yaml').toFile())
        def template = cloud.at('/jenkins/clouds/0/amazonEC2/templates/0')
        assertEquals('gpu', template.get('labelString').asText())
        assertEquals('EXCLUSIVE', template.get('mode').asText())
        assertEquals(1, template.get('maxTotalUses').asInt())
        assertTrue(template.at('/spotConfig/fallbackToOndemand').asBoolean())
        assertFalse(template.get('idleTerminationMinutes').asText().isEmpty())
        assertTrue(template.get('customDeviceMapping').asText().contains(':200:'))
        assertTrue(template.get('iamInstanceProfile').asText().startsWith('arn:aws:iam::'))
        def artifacts = yaml.readTree(ROOT.resolve('examples/jcasc/artifact-manager-s3.yaml').toFile())
        assertEquals('s3', artifacts.at('/unclassified/artifactManager/artifactManagerFactories/0/jclouds/provider').asText())
        def library = yaml.readTree(ROOT.resolve('examples/jcasc/library.yaml').toFile())
        assertEquals('mlci', library.at('/unclassified/globalLibraries/libraries/0/name').asText())
        assertEquals('MLCI_CLI_SHA256', library.at('/jenkins/globalNodeProperties/0/envVars/env/1/key').asText())
        def plugin = yaml.readTree(ROOT.resolve('examples/jcasc/mlci-plugin.yaml').toFile())
        def mlci = plugin.at('/unclassified/mlci')
        // the plugin's MlciConfiguration setters; the plugin's own test applies this file with JCasC
        assertEquals(['awsCredentialsId', 'defaultRemote', 'nativeSteps', 'storeUrl'], mlci.fieldNames().toList().sort())
        assertEquals(mlci.get('awsCredentialsId').asText(), plugin.at('/credentials/system/domainCredentials/0/credentials/0/aws/id').asText())
    }
}
