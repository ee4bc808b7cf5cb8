package io.mlci.cli.run;

import picocli.CommandLine.Option;

/** Which study a sweep command works on: mlci.yaml's sweep, a sweep given on the command line, or the ablation. */
final class StudyChoice {

    @Option(names = "--spec", paramLabel = "YAML",
            description = "A sweep section (YAML or JSON) to use instead of mlci.yaml's 'sweep:', e.g. from a Jenkins step.")
    String spec;

    @Option(names = "--ablation", description = "The ablation study instead of the sweep.")
    boolean ablation;

    boolean given() {
        return spec != null || ablation;
    }
}
