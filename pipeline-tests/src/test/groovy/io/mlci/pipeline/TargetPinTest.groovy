package io.mlci.pipeline

import org.junit.Rule
import org.junit.Test
import org.junit.rules.TemporaryFolder

import static org.junit.Assert.assertEquals
import static org.junit.Assert.assertTrue
import static org.junit.Assert.fail

/** mlData pins a pull request's target commit from the fresh checkout, with a real shell and a real git repository. */
class TargetPinTest extends PipelineTestSupport {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder()

    private File repo

    private String git(String... args) {
        Process process = new ProcessBuilder(['git', '-C', repo.path] + (args as List)).redirectErrorStream(true).start()
        String out = process.inputStream.text
        assertEquals(out, 0, process.waitFor())
        return out.trim()
    }

    private String checkedOutPullRequest() {
        repo = temp.newFolder('repo')
        git('init', '-q', '-b', 'main')
        git('-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-q', '--allow-empty', '-m', 'main')
        String main = git('rev-parse', 'HEAD')
        git('update-ref', 'refs/remotes/origin/main', main)
        git('checkout', '-q', '-b', 'feature')
        git('-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-q', '--allow-empty', '-m', 'pr')
        useRealShell(repo)
        helper.registerAllowedMethod('sh', [Map], { Map m ->
            if (m.script.contains("'data'")) { shScripts << m.script; return m.returnStatus ? 0 : null } // the CLI is not under test here
            ProcessBuilder builder = new ProcessBuilder('bash', '-c', m.script as String).directory(repo)
            Process process = builder.start()
            String out = process.inputStream.text
            process.waitFor()
            return m.returnStdout ? out : 0
        })
        helper.registerAllowedMethod('readFile', [String], { String f -> '{"outputs": []}' })
        env.putAll([CHANGE_ID: '5', CHANGE_TARGET: 'main'])
        return main
    }

    private void mlData() {
        File script = File.createTempFile('data', '.groovy')
        script.text = 'mlData()'
        runScript(script.path)
    }

    @Test
    void shouldPinTheTargetCommitBeforeThePullRequestsCodeRuns() {
        String main = checkedOutPullRequest()

        mlData()

        assertEquals(main, env.MLCI_TARGET_COMMIT)
        // what the training does to .git later changes nothing: the pin is taken once per build
        git('update-ref', 'refs/remotes/origin/main', git('rev-parse', 'feature'))
        mlData()
        assertEquals(main, env.MLCI_TARGET_COMMIT)
    }

    @Test
    void shouldStopWhenTheCheckoutDidNotFetchTheTarget() {
        checkedOutPullRequest()
        env.CHANGE_TARGET = 'release'

        try {
            mlData()
            fail('a pull request with no target commit to pin is not judged')
        } catch (PipelineError e) {
            assertTrue(e.message, e.message.startsWith('mlci: cannot pin the target branch release'))
        }
        assertEquals(null, env.MLCI_TARGET_COMMIT)
    }
}
