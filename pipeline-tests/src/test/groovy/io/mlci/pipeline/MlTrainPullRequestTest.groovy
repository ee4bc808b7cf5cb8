package io.mlci.pipeline

import org.junit.Before
import org.junit.Rule
import org.junit.Test
import org.junit.rules.TemporaryFolder

import static org.junit.Assert.assertEquals
import static org.junit.Assert.assertFalse
import static org.junit.Assert.assertTrue

/**
 * A pull request's own mlci.yaml asks for the controller's label and a privileged container with
 * the host's root mounted. mlTrain pins the target commit right after its checkout and reads the
 * train config with the real CLI from a real git repository: the agent it trains on, the
 * docker arguments and the registry it logs in to are main's. Jenkins' node step is recorded, not run (no agents here).
 */
class MlTrainPullRequestTest extends PipelineTestSupport {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder()

    File repo
    List<String> labels = []

    private void run(String... command) {
        Process process = new ProcessBuilder(command as List).directory(repo).redirectErrorStream(true).start()
        String out = process.inputStream.text
        assertEquals(out, 0, process.waitFor())
    }

    private void commit(String message) {
        run('git', 'add', '-A')
        run('git', '-c', 'user.name=Dev', '-c', 'user.email=dev@example.invalid', 'commit', '-q', '-m', message)
    }

    @Before
    void pullRequestThatAsksForTheController() {
        repo = temp.newFolder('repo')
        run('git', 'init', '-q', '-b', 'main')
        new File(repo, 'mlci.yaml').text = '''train:
  command: python train.py
  agent: gpu-a10g
  image: registry.example.com/team/train:3
  dockerArgs: ["--shm-size=8g"]
  registry: registry.example.com
  registryCredentialsId: harbor-ci
'''
        commit('main trains on the GPU agents')
        run('git', 'checkout', '-q', '-b', 'feature')
        new File(repo, 'mlci.yaml').text = '''train:
  command: python train.py
  agent: built-in
  image: registry.example.com/team/train:4
  dockerArgs: ["--privileged", "-v", "/:/host"]
  registry: registry.evil.example
  registryCredentialsId: prod-registry
'''
        commit('train on the controller, privileged')
        useRealShell(repo)
        helper.registerAllowedMethod('node', [String, Closure], { String label, Closure body -> labels << label })
        env.putAll([MLCI_CLI: ROOT.resolve('cli/target/mlci.jar').toString(), PATH: System.getenv('PATH'),
                    HOME: System.getenv('HOME'), BRANCH_NAME: 'PR-4', CHANGE_ID: '4', CHANGE_TARGET: 'main',
                    CHANGE_BRANCH: 'feature'])
    }

    private void mlTrain() {
        File script = temp.newFile()
        script.text = 'mlTrain()'
        runScript(script.path)
    }

    @Test
    void shouldTrainOnTheTargetsAgentWithTheTargetsDockerArguments() {
        String main = new ProcessBuilder('git', '-C', repo.path, 'rev-parse', 'main').start().inputStream.text.trim()

        mlTrain()

        assertEquals('pinned before mlci.yaml was read', main, env.MLCI_TARGET_COMMIT)
        assertEquals(['gpu-a10g'], labels)
        String said = echoes.find { it.startsWith('mlTrain: pull request 4:') }
        assertEquals(echoes.toString(), "mlTrain: pull request 4: train.agent 'gpu-a10g', train.dockerArgs [--shm-size=8g] "
                + "and train.registry registry.example.com from main at ${main.substring(0, 7)}".toString(), said)
        assertFalse(echoes.toString(), echoes.any { it.contains('--privileged') || it.contains('evil') })
    }

    @Test
    void shouldStillLetTheJenkinsfileChooseTheLabel() {
        File script = temp.newFile()
        script.text = 'mlTrain(label: "cpu")'

        runScript(script.path)

        assertEquals(['cpu'], labels)
        assertTrue(env.MLCI_TARGET_COMMIT ==~ /[0-9a-f]{40}/)
    }
}
