package io.mlci.pipeline

import org.junit.Rule
import org.junit.Test
import org.junit.rules.TemporaryFolder

import java.security.MessageDigest

import static org.junit.Assert.assertEquals
import static org.junit.Assert.assertFalse
import static org.junit.Assert.assertTrue
import static org.junit.Assert.fail

/**
 * Without MLCI_CLI the library downloads the CLI (here from a file:// URL, as curl reads it),
 * caches it per agent under ~/.cache/mlci/SHA256/ and checks the checksum before every use.
 */
class CliDownloadTest extends PipelineTestSupport {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder()

    private static String sha256(File file) {
        return MessageDigest.getInstance('SHA-256').digest(file.bytes).encodeHex().toString()
    }

    private void runCli(File work) {
        File script = new File(work, 'call.groovy')
        script.text = "new io.mlci.pipeline.MlciCli(this).run(['--version'])"
        runScript(script.path)
    }

    @Test
    void shouldDownloadVerifyAndCacheTheCli() {
        File jar = ROOT.resolve('cli/target/mlci.jar').toFile()
        File home = temp.newFolder('home')
        File work = temp.newFolder('work')
        useRealShell(work)
        env.remove('MLCI_CLI')
        env.putAll([HOME: home.absolutePath, PATH: System.getenv('PATH'), MLCI_CLI_URL: jar.toURI().toString(),
                    MLCI_CLI_SHA256: sha256(jar)])

        runCli(work)

        File cached = new File(home, ".cache/mlci/${sha256(jar)}/mlci.jar")
        assertTrue(cached.exists())
        assertEquals(sha256(jar), sha256(cached))
        assertTrue(shScripts.last().startsWith("java -jar \"\${HOME}/.cache/mlci/${sha256(jar)}/mlci.jar\" '--version'"))

        // a cached jar that no longer matches is deleted and the step fails
        cached.bytes = 'tampered'.bytes
        try {
            runCli(work)
            fail('a jar that does not match MLCI_CLI_SHA256 must not run')
        } catch (PipelineError expected) {
            assertFalse(cached.exists())
        }
    }

    @Test
    void shouldSayWhatToConfigureWhenThereIsNoCli() {
        env.remove('MLCI_CLI')
        try {
            runCli(temp.newFolder())
            fail('no CLI configured')
        } catch (PipelineError e) {
            assertTrue(e.message, e.message.startsWith('mlci: no CLI for this agent: set MLCI_CLI'))
        }
    }
}
