package io.mlci.pipeline

import org.junit.Before
import org.junit.Test

import static org.junit.Assert.assertEquals
import static org.junit.Assert.assertTrue

/**
 * With the mlci plugin installed (it sets MLCI_PLUGIN), the vars hand their work to the plugin's
 * steps through the steps DSL. The plugin's steps are stood in for here (Jenkins cannot run);
 * they are tested with the Jenkins test harness in plugin/.
 */
class NativeStepsTest extends PipelineTestSupport {

    Map<String, List<Map>> nativeCalls = [:].withDefault { [] }

    @Before
    void installPlugin() {
        env.MLCI_PLUGIN = '0.1.0'
        env.remove('MLCI_CLI')
        Expando dsl = new Expando()
        ['mlData', 'mlEvaluate', 'mlGate'].each { String step ->
            dsl."${step}" = { Map args -> nativeCalls[step] << args; [verdict: 'passed', step: step] }
        }
        dsl.mlciCli = { -> nativeCalls.mlciCli << [:]; '/ws@tmp/mlci/mlci.jar' }
        binding.setVariable('steps', dsl)
    }

    private Object run(String body) {
        File script = File.createTempFile('native', '.groovy')
        script.text = body
        return runScript(script.path)
    }

    @Test
    void shouldCallThePluginsGateWithTheParametersItShares() {
        Map result = run("return mlGate(checkName: 'quality', failBuild: false, dashboard: false, base: 'merge-base')") as Map

        assertEquals([checkName: 'quality', failBuild: false, base: 'merge-base'], nativeCalls.mlGate[0])
        assertEquals('mlGate', result.step)
        assertTrue('no CLI runs', shScripts.isEmpty())
        assertTrue('the plugin publishes the check itself', checks.isEmpty())
    }

    @Test
    void shouldCallThePluginsDataAndEvaluateSteps() {
        run("mlData(remote: 's3store', targets: ['data.dvc']); mlEvaluate(archive: false, target: 'release')")

        assertEquals([remote: 's3store', targets: ['data.dvc']], nativeCalls.mlData[0])
        assertEquals([target: 'release'], nativeCalls.mlEvaluate[0])
        assertTrue(shScripts.isEmpty())
    }

    @Test
    void shouldRunTheCliThePluginCarriesWithoutDownloadingIt() {
        File script = File.createTempFile('cli', '.groovy')
        script.text = "new io.mlci.pipeline.MlciCli(this).run(['runs', 'list'])"
        runScript(script.path)

        assertEquals(1, nativeCalls.mlciCli.size())
        assertEquals(["java -jar '/ws@tmp/mlci/mlci.jar' 'runs' 'list'"], shScripts)
    }

    @Test
    void shouldKeepUsingTheCliWhenThePluginsStepsAreOff() {
        env.remove('MLCI_PLUGIN')
        env.MLCI_CLI = '/opt/mlci/mlci.jar'
        cliJson.gate = '{"verdict": "passed", "check": {"title": "passed: no rules", "conclusion": "SUCCESS"}, "outcomes": []}'
        files['.mlci/jenkins/report.md'] = 'report'

        run('mlGate(dashboard: false)')

        assertTrue(nativeCalls.mlGate.isEmpty())
        assertTrue(shScripts.any { it.contains("'gate'") })
        assertEquals('SUCCESS', checks[0].conclusion)
    }
}
