package io.mlci.pipeline

import com.lesfurets.jenkins.unit.BasePipelineTest
import org.junit.Before

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.Paths

import static com.lesfurets.jenkins.unit.global.lib.LibraryConfiguration.library
import static com.lesfurets.jenkins.unit.global.lib.LocalSource.localSource

/**
 * Loads the repository's shared library (vars/, src/, resources/) as Jenkins would, implicitly,
 * and stands in for the Jenkins steps it composes. Jenkins itself cannot run here; the steps are
 * recorded (and, where a test asks, sh runs for real) so tests assert what the library does.
 */
abstract class PipelineTestSupport extends BasePipelineTest {

    static final Path ROOT = Paths.get(System.getProperty('mlci.root', '..')).toAbsolutePath().normalize()

    /** What mlci --json "prints", by the first word of the command (gate, train, ...). */
    Map<String, String> cliJson = [:]
    Map<String, Integer> cliStatus = [:]
    List<String> shScripts = []
    List<Map> checks = []
    List<Map> archived = []
    List<String> echoes = []
    Map<String, String> files = [:]
    Map<String, String> env = [:]
    String buildResult = 'SUCCESS'

    @Before
    void setUpLibrary() throws Exception {
        Files.createDirectories(Paths.get(System.getProperty('java.io.tmpdir')))
        Path libs = Files.createTempDirectory('mlci-libs')
        Files.createSymbolicLink(libs.resolve('mlci@main'), ROOT)
        helper.registerSharedLibrary(library().name('mlci').defaultVersion('main').allowOverride(true).implicit(true)
                .targetPath(libs.toString()).retriever(localSource(libs.toString())).build())
        scriptRoots += ROOT.toString()
        super.setUp()
        binding.setVariable('env', env)
        binding.setVariable('scm', [:])
        helper.registerAllowedMethod('sh', [Map], { Map m -> sh(m) })
        helper.registerAllowedMethod('readFile', [String], { String f -> files[f] ?: '' })
        helper.registerAllowedMethod('echo', [String], { String s -> echoes << s })
        helper.registerAllowedMethod('error', [String], { String s -> buildResult = 'FAILURE'; throw new PipelineError(s) })
        helper.registerAllowedMethod('unstable', [String], { String s -> if (buildResult == 'SUCCESS') { buildResult = 'UNSTABLE' } })
        helper.registerAllowedMethod('publishChecks', [Map], { Map m -> checks << m })
        helper.registerAllowedMethod('publishHTML', [Map], { })
        helper.registerAllowedMethod('archiveArtifacts', [Map], { Map m -> archived << m })
        helper.registerAllowedMethod('checkout', [Map], { })
        helper.registerAllowedMethod('libraryResource', [String], { String r -> ROOT.resolve('resources').resolve(r).text })
        helper.registerAllowedMethod('pwd', [], { '/workspace' })
        helper.registerAllowedMethod('node', [Closure], { Closure c -> c.call() })
        helper.registerAllowedMethod('node', [String, Closure], { String l, Closure c -> c.call() })
        helper.registerAllowedMethod('retry', [Map, Closure], { Map m, Closure c -> c.call() })
        helper.registerAllowedMethod('timeout', [Map, Closure], { Map m, Closure c -> c.call() })
        helper.registerAllowedMethod('withEnv', [List, Closure], { List vars, Closure c -> c.call() })
        helper.registerAllowedMethod('agent', [], { 'agent' })
        helper.registerAllowedMethod('nonresumable', [], { 'nonresumable' })
        env.MLCI_CLI = '/opt/mlci/mlci.jar'
    }

    /** The target commit a pull-request build pins after its (mocked) checkout. */
    public static final String PINNED_TARGET = '3f46737d12aa0f6e2b1c9d8e7f6a5b4c3d2e1f00'

    /** The default sh: records the script; an mlci --json call gets the canned answer of its command. */
    Object sh(Map m) {
        String script = m.script
        shScripts << script
        def json = script =~ /--json '([a-z]+)'.* > '([^']+)'$/
        if (json.find()) {
            String command = json.group(1)
            files[json.group(2)] = cliJson[command] ?: ''
            return cliStatus[command] ?: 0
        }
        if (m.returnStdout && script.startsWith('git rev-parse')) {
            return PINNED_TARGET + '\n' // what a checkout of a pull request has fetched as its target
        }
        return m.returnStdout ? '' : 0
    }

    /**
     * Makes sh run for real, with bash in {@code workdir} and the test's env on top of this
     * process's, and readFile read from there: for tests that prove what really reaches the CLI.
     */
    void useRealShell(File workdir) {
        helper.registerAllowedMethod('sh', [Map], { Map m ->
            shScripts << m.script
            ProcessBuilder builder = new ProcessBuilder('bash', '-c', m.script as String).directory(workdir)
            builder.environment().putAll(env.findAll { k, v -> v != null }.collectEntries { k, v -> [(k): v.toString()] })
            builder.redirectError(ProcessBuilder.Redirect.INHERIT)
            Process process = builder.start()
            String out = process.inputStream.text
            int status = process.waitFor()
            if (m.returnStatus) {
                return status
            }
            if (status != 0) {
                throw new PipelineError("script returned exit code ${status}")
            }
            return m.returnStdout ? out : null
        })
        helper.registerAllowedMethod('readFile', [String], { String f -> new File(workdir, f).text })
        helper.registerAllowedMethod('pwd', [], { workdir.absolutePath })
    }

    /** The calls of a step, in order. */
    List callsOf(String name) {
        return helper.callStack.findAll { it.methodName == name }
    }

    /** Thrown by the error step, like Jenkins' AbortException. */
    static class PipelineError extends RuntimeException {
        PipelineError(String message) {
            super(message)
        }
    }
}
