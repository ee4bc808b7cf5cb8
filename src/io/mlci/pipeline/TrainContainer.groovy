package io.mlci.pipeline

import com.cloudbees.groovy.cps.NonCPS

/**
 * What mlTrain tells the CLI about the training container. The CLI runs on the agent and starts
 * the container itself (mlci train --executor docker): the image needs nothing from mlci. Which
 * docker flags a repository may ask for is the administrator's call, from the plugin's global
 * configuration or Jenkins global properties (MLCI_TRUSTED_DOCKER_ARGS) and this library's
 * resources/io/mlci/pipeline/mlci.properties (mlci.trustedDockerArgs); never from the repository.
 */
class TrainContainer implements Serializable {

    static final String TRUSTED = 'MLCI_TRUSTED_DOCKER_ARGS'

    private final def steps

    TrainContainer(steps) {
        this.steps = steps
    }

    /** The train options for the image (none: a local process on the agent). */
    @NonCPS
    static List options(String image, Object gpus, String dockerArgs) {
        if (!image) {
            return ['--executor', 'local']
        }
        List options = ['--executor', 'docker', '--image', image]
        if (gpus != null) {
            options += ['--gpus', gpus instanceof Boolean ? (gpus ? 'true' : 'false') : gpus.toString()]
        }
        if (dockerArgs != null) {
            options += ['--docker-args', dockerArgs]
        }
        return options
    }

    /** MLCI_TRUSTED_DOCKER_ARGS for the CLI: the environment's entries and the library's. */
    String trustedDockerArgs() {
        Properties library = new Properties()
        library.load(new StringReader(steps.libraryResource('io/mlci/pipeline/mlci.properties') as String))
        return [steps.env[TRUSTED], library.getProperty('mlci.trustedDockerArgs')].findAll { it?.trim() }.join(' ')
    }

    /** Runs the body with the agent's docker client logged in to the registry, when one is named. */
    Object withRegistry(String registry, String credentialsId, Closure body) {
        if (!registry && !credentialsId) {
            return body.call()
        }
        String url = registry ? (registry.contains('://') ? registry : "https://${registry}") : ''
        return steps.docker.withRegistry(url, credentialsId) {
            body.call()
        }
    }
}
