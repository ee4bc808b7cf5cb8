package io.mlci.pipeline

import org.junit.Rule
import org.junit.Test
import org.junit.rules.TemporaryFolder

import static org.junit.Assert.assertEquals
import static org.junit.Assert.assertFalse

/**
 * Parameters reach the CLI verbatim through a real shell: quotes, $(...), backticks and newlines
 * are data, never code. The "CLI" here is a script that records the arguments it receives.
 */
class QuotingTest extends PipelineTestSupport {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder()

    @Test
    void shouldPassHostileValuesVerbatim() {
        File work = temp.newFolder('workspace')
        File received = new File(work, 'received')
        File recorder = new File(work, 'record-args')
        recorder.text = '''#!/bin/sh
for arg in "$@"; do printf '%s\\0' "$arg" >> received; done
case " $* " in *" status "*) echo '{"outputs": []}' ;; esac
'''
        recorder.setExecutable(true)
        useRealShell(work)
        env.MLCI_CLI = recorder.absolutePath
        String remote = "it's \"quoted\" \$(touch pwned) `touch pwned2` \${HOME}\nsecond line; rm -rf /nonexistent"
        binding.setVariable('hostile', remote)
        File script = temp.newFile('call.groovy')
        script.text = 'mlData(remote: hostile, targets: [hostile + " target"])'

        runScript(script.path)

        List<String> args = received.text.split('\0') as List
        assertEquals(['data', 'pull', '--remote', remote, remote + ' target', '--json', 'data', 'status', remote + ' target'], args)
        assertFalse(new File(work, 'pwned').exists())
        assertFalse(new File(work, 'pwned2').exists())
    }

    @Test
    void shouldQuoteSingleQuotesTheShellWay() {
        File script = temp.newFile('quote.groovy')
        script.text = 'return [io.mlci.pipeline.Shell.quote("it\'s"), io.mlci.pipeline.Shell.words(["a", "b c", ""])]'
        assertEquals(["'it'\"'\"'s'", "'a' 'b c' ''"], runScript(script.path))
    }
}
