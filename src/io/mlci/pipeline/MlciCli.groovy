package io.mlci.pipeline

import com.cloudbees.groovy.cps.NonCPS
import groovy.json.JsonSlurperClassic

/**
 * Runs the mlci command line on the current agent. Where the CLI comes from:
 * <ol>
 *   <li>MLCI_CLI: a path to mlci.jar (or to an mlci launcher) already on the agent — how an
 *       air-gapped Jenkins provides it (bake it into the agent image or copy it there);</li>
 *   <li>MLCI_PLUGIN (set by the mlci Jenkins plugin): the CLI the plugin carries, placed on the
 *       agent by its mlciCli step;</li>
 *   <li>MLCI_CLI_URL and MLCI_CLI_SHA256 (Jenkins global properties, or the library's
 *       resources/io/mlci/pipeline/cli.properties): downloaded once per agent into
 *       ~/.cache/mlci/SHA256/, and verified against the checksum every time it is used.</li>
 * </ol>
 * Every argument is quoted; outputs that a step reads come back through files, not the console.
 */
class MlciCli implements Serializable {

    private final def steps
    private String launcher
    /** The jar's path as the shell sees it (may use $HOME), or null when MLCI_CLI is a launcher. */
    private String jar

    MlciCli(steps) {
        this.steps = steps
    }

    /** Runs mlci; a non-zero exit fails the step with mlci's own message (already in the log). */
    void run(List args, String label = null) {
        steps.sh(script: "${launcher()} ${Shell.words(args)}", label: label ?: "mlci ${args[0]}")
    }

    /** Runs mlci with --json and returns its exit status and parsed output. */
    Map json(List args, String label = null) {
        String file = ".mlci/jenkins/${args.join('-').replaceAll('[^A-Za-z0-9_.-]', '_').take(60)}.json"
        int status = steps.sh(script: "mkdir -p .mlci/jenkins && ${launcher()} --json ${Shell.words(args)} > ${Shell.quote(file)}",
                returnStatus: true, label: label ?: "mlci ${args[0]}")
        String text = steps.readFile(file)
        return [status: status, value: text?.trim() ? parse(text) : null]
    }

    @NonCPS
    static Object parse(String text) {
        return new JsonSlurperClassic().parseText(text)
    }

    /** The command that starts mlci on this agent, fetching and checking the jar when needed. */
    String launcher() {
        if (launcher) {
            return launcher
        }
        String configured = steps.env.MLCI_CLI
        if (configured) {
            jar = configured.endsWith('.jar') ? Shell.quote(configured) : null
            launcher = jar ? "java -jar ${jar}" : Shell.quote(configured)
            return launcher
        }
        if (steps.env.MLCI_PLUGIN) {
            // The mlci plugin carries the CLI and places it in the workspace's temporary directory.
            jar = Shell.quote(steps.steps.mlciCli() as String)
            launcher = "java -jar ${jar}"
            return launcher
        }
        Map release = release()
        String sha = release.sha256
        steps.sh(label: 'mlci: fetch the CLI', script: """\
            set -eu
            dir="\${HOME}/.cache/mlci/${sha}"
            if [ ! -f "\$dir/mlci.jar" ]; then
              mkdir -p "\$dir"
              curl -fsSL --retry 3 -o "\$dir/mlci.jar.part" ${Shell.quote(release.url)}
              mv "\$dir/mlci.jar.part" "\$dir/mlci.jar"
            fi
            echo ${Shell.quote(sha + '  ')}"\$dir/mlci.jar" | sha256sum -c --quiet - || { rm -f "\$dir/mlci.jar"; echo 'mlci: the downloaded CLI does not match MLCI_CLI_SHA256' >&2; exit 1; }
            """.stripIndent())
        jar = "\"\${HOME}/.cache/mlci/${sha}/mlci.jar\""
        launcher = "java -jar ${jar}"
        return launcher
    }

    private Map release() {
        Properties defaults = new Properties()
        String text = steps.libraryResource('io/mlci/pipeline/cli.properties')
        defaults.load(new StringReader(text))
        String url = steps.env.MLCI_CLI_URL ?: defaults.getProperty('url', '')
        String sha = steps.env.MLCI_CLI_SHA256 ?: defaults.getProperty('sha256', '')
        if (!url || !(sha ==~ /[0-9a-f]{64}/)) {
            steps.error('mlci: no CLI for this agent: set MLCI_CLI to the path of mlci.jar on the agent, or MLCI_CLI_URL and ' +
                    'MLCI_CLI_SHA256 (a 64-digit sha256) to download it; see docs/jenkins-setup.md')
        }
        return [url: url, sha256: sha]
    }
}
