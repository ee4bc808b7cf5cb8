package io.mlci.pipeline

import groovy.json.JsonOutput
import groovy.json.JsonSlurper
import org.junit.Before
import org.junit.Test

import static org.junit.Assert.assertEquals
import static org.junit.Assert.assertTrue
import static org.junit.Assert.fail

/** The trials of a sweep fanned out with Jenkins' parallel, at most maxParallel at once, then recorded. */
class MlSweepTest extends PipelineTestSupport {

    List<String> lanes = []
    List<List<String>> laneTrials = []
    List<String> currentLane
    Set<String> failingTrials = []
    String recordScript

    static final Map PLAN = [kind: 'sweep', objective: [metric: 'auc', goal: 'MAX'], strategy: 'grid', maxParallel: 2,
                             trials: [[name: 't1', overrides: ['train.lr': '0.01', 'train.depth': '3']],
                                      [name: 't2', overrides: ['train.lr': '0.01', 'train.depth': '5']],
                                      [name: 't3', overrides: ['train.lr': '0.1', 'train.depth': '3']],
                                      [name: 't4', overrides: ['train.lr': '0.1', 'train.depth': '5']]]]

    @Before
    void fakeJenkinsAndCli() {
        binding.setVariable('docker', [withRegistry: { String url, String id, Closure body -> body.call() }])
        helper.registerAllowedMethod('parallel', [Map], { Map branches ->
            branches.each { String name, Closure body ->
                lanes << name
                currentLane = []
                laneTrials << currentLane
                body.call()
            }
        })
        helper.registerAllowedMethod('stage', [String, Closure], { String name, Closure body -> body.call() })
        helper.registerAllowedMethod('catchError', [Map, Closure], { Map m, Closure body ->
            try {
                body.call()
            } catch (PipelineError e) {
                buildResult = m.buildResult
            }
        })
        cliJson.config = JsonOutput.toJson([train: [agent: 'gpu', image: null, retries: 0, timeoutSeconds: 600,
                                                   dockerArgs: [], gpus: 'true', outputs: ['model/']]])
        cliJson.data = JsonOutput.toJson([outputs: []])
    }

    /** The CLI as the agents would answer: a plan, one run per trial named after its params, the record. */
    @Override
    Object sh(Map m) {
        String script = m.script
        shScripts << script
        def out = script =~ / > '([^']+)'$/
        if (!out.find()) {
            return m.returnStdout ? '' : 0
        }
        String file = out.group(1)
        if (script.contains("'sweep' 'plan'")) {
            files[file] = JsonOutput.toJson(PLAN)
        } else if (script.contains("'sweep' 'record'")) {
            recordScript = script
            List trials = (script =~ /'--trial' '([^=']+)=([^']+)'/).collect { [name: it[1], runId: it[2]] }
            files[file] = JsonOutput.toJson([id: 'sweep-1', kind: 'sweep', objective: PLAN.objective, best: 't4',
                                             bestRun: trials.find { it.name == 't4' }?.runId, trials: trials])
        } else if (script.contains("'train'")) {
            List sets = (script =~ /'-S' '([^']+)'/).collect { it[1] }
            String trial = PLAN.trials.find { t -> t.overrides.collect { k, v -> "${k}=${v}".toString() } as Set == sets as Set }?.name
            currentLane << trial
            if (failingTrials.contains(trial)) {
                files[file] = JsonOutput.toJson([skipped: false, run: [id: "run-${trial}", status: 'failed', outputs: [], metrics: [:]]])
                return 1
            }
            files[file] = JsonOutput.toJson([skipped: false, reusedFrom: null, run: [id: "run-${trial}".toString(),
                    status: 'succeeded', metrics: [auc: 0.8], outputs: []]])
        } else {
            def json = script =~ /--json '([a-z]+)'/
            files[file] = json.find() ? (cliJson[json.group(1)] ?: '') : ''
        }
        return 0
    }

    private Object run(String call) {
        File script = File.createTempFile('sweep', '.groovy')
        script.text = "return ${call}"
        return runScript(script.path)
    }

    @Test
    void shouldTrainEveryTrialInAtMostMaxParallelLanesAndRecordTheSweep() {
        Map result = run('mlSweep()')

        assertEquals(['trials 1', 'trials 2'], lanes)
        assertEquals([['t1', 't3'], ['t2', 't4']], laneTrials)
        assertTrue(shScripts.any { it.contains("'train' '-S' 'train.depth=5' '-S' 'train.lr=0.1'") })
        assertTrue(recordScript, recordScript.contains("'sweep' 'record' '--trial' 't1=run-t1' '--trial' 't3=run-t3' "
                + "'--trial' 't2=run-t2' '--trial' 't4=run-t4'"))
        assertEquals([sweepId: 'sweep-1', best: 't4', bestRun: 'run-t4'], result.subMap(['sweepId', 'best', 'bestRun']))
        assertEquals('SUCCESS', buildResult)
    }

    @Test
    void shouldTakeMaxParallelAndASweepFromTheTrainStep() {
        run("mlTrain(sweep: [params: ['train.lr': [0.01, 0.1]], objective: [metric: 'auc', goal: 'max']], maxParallel: 3)")

        assertEquals(3, lanes.size())
        assertEquals([['t1', 't4'], ['t2'], ['t3']], laneTrials)
        String plan = shScripts.find { it.contains("'sweep' 'plan'") }
        def spec = (plan =~ /'--spec' '([^']+)'/)
        assertTrue(plan, spec.find())
        assertEquals([params: ['train.lr': [0.01, 0.1]], objective: [metric: 'auc', goal: 'max']],
                new JsonSlurper().parseText(spec.group(1)))
        assertTrue(recordScript.contains("'--spec'"))
    }

    @Test
    void shouldGoOnAfterAFailedTrialAndMarkTheBuildUnstable() {
        failingTrials << 't2'

        Map result = run('mlSweep()')

        assertEquals('UNSTABLE', buildResult)
        assertEquals([['t1', 't3'], ['t2', 't4']], laneTrials)
        assertTrue(recordScript, !recordScript.contains('t2=') && recordScript.contains("'t4=run-t4'"))
        assertEquals('run-t4', result.bestRun)
    }

    @Test
    void shouldRefuseAnUnknownParameter() {
        try {
            run('mlSweep(maxParalel: 2)')
            fail('unknown parameters fail the step')
        } catch (PipelineError e) {
            assertTrue(e.message, e.message.startsWith("mlSweep: unknown parameter 'maxParalel'"))
        }
    }
}
