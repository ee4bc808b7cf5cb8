package io.mlci.pipeline

import com.cloudbees.groovy.cps.NonCPS

/**
 * The mlci Jenkins plugin, when installed with its native steps on, tells every build so by
 * setting MLCI_PLUGIN. The vars then hand their work to the plugin's steps (which run the engine
 * in-process on the agent: no CLI download) instead of composing the CLI with sh.
 */
class NativeSteps implements Serializable {

    private final def script

    NativeSteps(script) {
        this.script = script
    }

    boolean available() {
        return script.env.MLCI_PLUGIN as boolean
    }

    /**
     * Calls the plugin's step of that name through the steps DSL (not the var of the same name)
     * with the parameters it shares with the var; the var's own extras are left out.
     */
    Object call(String step, Map params, List<String> shared) {
        Map arguments = sharedOnly(params, shared)
        script.echo("${step}: using the mlci plugin's step (MLCI_PLUGIN=${script.env.MLCI_PLUGIN})")
        return script.steps."${step}"(arguments)
    }

    @NonCPS
    private static Map sharedOnly(Map params, List<String> shared) {
        return params.findAll { name, value -> name in shared && value != null }
    }
}
