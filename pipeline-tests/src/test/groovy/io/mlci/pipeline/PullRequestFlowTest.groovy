package io.mlci.pipeline

import org.junit.Before
import org.junit.Rule
import org.junit.Test
import org.junit.rules.TemporaryFolder

import static org.junit.Assert.assertEquals
import static org.junit.Assert.assertTrue
import static org.junit.Assert.fail

/**
 * The whole flow, vars -> CLI -> core, with sh really running the built CLI jar in a real git
 * repository: main trains its baseline through mlPipeline(), then a pull request that lowers the
 * learning rate (the training reports accuracy = lr) goes through mlPipeline() again and fails
 * the gate. Only Jenkins is missing: its steps are recorded.
 */
class PullRequestFlowTest extends PipelineTestSupport {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder()

    File repo

    private void run(File dir, String... command) {
        ProcessBuilder builder = new ProcessBuilder(command as List).directory(dir).redirectErrorStream(true)
        Process process = builder.start()
        String out = process.inputStream.text
        assertEquals(out, 0, process.waitFor())
    }

    private void mlci(String... args) {
        run(repo, (['java', '-jar', ROOT.resolve('cli/target/mlci.jar').toString()] + (args as List)) as String[])
    }

    private void commit(String message) {
        run(repo, 'git', 'add', '-A')
        run(repo, 'git', '-c', 'user.name=Dev', '-c', 'user.email=dev@example.invalid', 'commit', '-q', '-m', message)
    }

    @Before
    void createRepository() {
        repo = temp.newFolder('repo')
        run(repo, 'git', 'init', '-q', '-b', 'main')
        new File(repo, 'data').mkdirs()
        new File(repo, 'data/rows.csv').text = 'x,y\n1,2\n'
        mlci('data', 'add', 'data')
        mlci('remote', 'add', 'local', temp.newFolder('remote').absolutePath, '--default')
        new File(repo, 'train.sh').text = '''set -e
mkdir -p model
cat data/rows.csv > model/weights.bin
printf '{"accuracy": %s}\\n' "$MLCI_PARAM_TRAIN_LR" > metrics.json
'''
        new File(repo, 'params.yaml').text = 'train:\n  lr: 0.5\n'
        new File(repo, 'mlci.yaml').text = '''train:
  command: sh train.sh
  code: [train.sh]
  outputs: [model]
gate:
  rules:
    - "accuracy >= 0.2"
    - rule: "accuracy delta >= -0.05"
      severity: unstable
'''
        new File(repo, '.gitignore').text = '/model\n/metrics.json\n'
        commit('ML repository')
        useRealShell(repo)
        env.MLCI_CLI = ROOT.resolve('cli/target/mlci.jar').toString()
        env.PATH = System.getenv('PATH')
        env.HOME = System.getenv('HOME')
    }

    private Object pipeline() {
        File script = temp.newFile()
        script.text = 'return mlPipeline(label: "gpu", image: "")'
        return runScript(script.path)
    }

    @Test
    void shouldGateAPullRequestAgainstMainsBaseline() {
        env.BRANCH_NAME = 'main'
        Map baseline = pipeline()
        assertEquals('SUCCESS', buildResult)
        assertEquals('succeeded', baseline.status)
        assertTrue(archived.any { it.artifacts == 'model/**,metrics.json' && it.fingerprint })
        assertTrue(new File(repo, 'model/weights.bin').exists())
        assertEquals('the gate ran on main too', 'passed', baseline.verdict.verdict)
        assertEquals('a passing run of main is registered', 'models:/repo/1', baseline.registered)

        run(repo, 'git', 'checkout', '-q', '-b', 'lower-lr')
        new File(repo, 'params.yaml').text = 'train:\n  lr: 0.1\n'
        commit('lower the learning rate')
        env.putAll([BRANCH_NAME: 'PR-1', CHANGE_ID: '1', CHANGE_TARGET: 'main', CHANGE_BRANCH: 'lower-lr',
                    BUILD_URL: 'https://ci.example/job/repo/PR-1/1/'])
        archived.clear()
        checks.clear()
        try {
            pipeline()
            fail('the pull request breaks the gate')
        } catch (PipelineError e) {
            assertTrue(e.message, e.message.startsWith('mlGate: failed — accuracy'))
        }

        assertEquals('FAILURE', buildResult)
        assertEquals(1, checks.size())
        Map check = checks[0]
        assertEquals('FAILURE', check.conclusion)
        assertTrue(check.title, check.title.startsWith('failed: accuracy'))
        assertTrue(check.summary, check.summary.startsWith('<!-- mlci-report -->\n## ❌ mlci gate failed'))
        assertTrue(check.summary, check.summary.contains('| accuracy | 0.5 | 0.1 | -0.4 | -80% |'))
        assertTrue(check.summary, check.summary.contains('Rules: mlci.yaml at main ('))
        assertTrue(check.summary, check.summary.contains('| train.lr | 0.5 | 0.1 |'))
        assertEquals('https://ci.example/job/repo/PR-1/1/mlci-dashboard/', check.detailsURL)
        assertTrue(archived.any { it.artifacts == 'model/**,metrics.json' && it.fingerprint })
        assertTrue(new File(repo, '.mlci/jenkins/dashboard/index.html').text.contains('mlci-data'))
    }
}
