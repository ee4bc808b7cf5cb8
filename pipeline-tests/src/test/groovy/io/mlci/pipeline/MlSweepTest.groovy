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
    Set<String> hopelessTrials = []
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
        env.BUILD_TAG = 'jenkins-churn-PR-7-12'
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
            def named = script =~ /'--trial' '([^']+)'/
            String trial = named.find() ? named.group(1) : null
            currentLane << trial
            if (hopelessTrials.contains(trial)) {
                // as mlci answers when the median rule stopped the trial: killed, yet exit 0
                files[file] = JsonOutput.toJson([skipped: false, trial: trial, stoppedEarly: true, run: [id: "run-${trial}".toString(),
                        status: 'killed', message: 'stopped early at step 2: best val_auc 0.1 is worse than the median 0.5',
                        outputs: [], metrics: [:]]])
                return 0
            }
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
        List trains = shScripts.findAll { it.contains("'train'") }
        assertEquals(4, trains.size())
        ['t1', 't2', 't3', 't4'].each { t ->
            assertTrue(trains.join('\n'), trains.any { it.contains("'train' '--study' 'jenkins-churn-PR-7-12' '--trial' '${t}'") })
        }
        assertTrue('the trial sets its own params', trains.every { !it.contains("'-S'") })
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
        assertTrue('every lane plans the same sweep', shScripts.findAll { it.contains("'train'") }
                .every { it.contains("'--trial'") && it.contains("'--spec' '${spec.group(1)}'") })
    }

    @Test
    void shouldPassTheAblationToEveryLane() {
        run('mlSweep(ablation: true)')

        assertTrue(shScripts.find { it.contains("'sweep' 'plan'") }.contains("'--ablation'"))
        assertTrue(shScripts.findAll { it.contains("'train'") }.every { it.contains("'--ablation'") && !it.contains("'--spec'") })
    }

    @Test
    void shouldRecordATrialStoppedEarlyWithoutMarkingTheBuildUnstable() {
        hopelessTrials << 't3'

        Map result = run('mlSweep()')

        assertEquals('SUCCESS', buildResult)
        assertTrue(recordScript, recordScript.contains("'--trial' 't3=run-t3'"))
        assertTrue(echoes.join('\n'), echoes.any { it == 'mlSweep: stopped early by the median rule (not failures): t3' })
        assertTrue(echoes.join('\n'), echoes.any { it.startsWith('mlTrain: run run-t3 killed (trial t3 stopped early at step 2') })
        assertEquals('run-t4', result.bestRun)
    }

    @Test
    void shouldGateTheBestTrialWhenTheTrainStepIsGivenThen() {
        cliJson.gate = JsonOutput.toJson([verdict: 'passed', check: [title: 'passed', conclusion: 'SUCCESS'], worst: null])

        run("mlTrain(sweep: true, then: { String run -> mlGate(run: run) })")

        List gates = shScripts.findAll { it.contains("'gate'") }
        assertEquals(1, gates.size())
        assertTrue(gates[0], gates[0].contains("'--run' 'run-t4'"))
        assertTrue('gated after the sweep was recorded', shScripts.indexOf(recordScript) < shScripts.indexOf(gates[0]))
        assertEquals('SUCCESS', buildResult)
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
