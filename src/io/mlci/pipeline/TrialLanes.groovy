package io.mlci.pipeline

import com.cloudbees.groovy.cps.NonCPS

/**
 * Deals a study's trials into lanes for Jenkins' parallel step, which has no limit of its own: N
 * lanes, each training its trials one after the other, so at most N agents train at once and a
 * lane whose trial ends takes the next at once.
 */
class TrialLanes implements Serializable {

    private TrialLanes() {
    }

    /** Lane i holds trials i, i + N, i + 2N, ...; as many lanes as trials when there are fewer. */
    @NonCPS
    static List<List<Map>> deal(List<Map> trials, int maxParallel) {
        int lanes = Math.max(1, Math.min(maxParallel, trials.size()))
        List<List<Map>> result = (0..<lanes).collect { [] }
        trials.eachWithIndex { Map trial, int i -> result[i % lanes] << trial }
        return result
    }

    /** A step's {@code sweep:} map as the JSON that {@code mlci sweep --spec} reads. */
    @NonCPS
    static String json(Map sweep) {
        return groovy.json.JsonOutput.toJson(sweep)
    }

    /** {@code --trial NAME=RUN} for every trial that recorded a run. */
    @NonCPS
    static List<String> recordArgs(Map<String, String> runIds) {
        List<String> args = []
        runIds.each { String name, String run -> args += ['--trial', "${name}=${run}".toString()] }
        return args
    }
}
