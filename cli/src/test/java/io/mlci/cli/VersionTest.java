package io.mlci.cli;

import org.junit.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** --version answers without the command groups; help still lists every group. */
public class VersionTest {

    @Test
    public void shouldPrintTheVersionWithOrWithoutGlobalOptions() {
        for (String[] args : new String[][]{{"--version"}, {"-V"}, {"-q", "--version"}}) {
            CliRun run = CliRun.of(args);
            assertThat(run.exitCode()).as(String.join(" ", args)).isZero();
            assertThat(run.out()).startsWith("mlci ");
        }
    }

    @Test
    public void shouldStillListEveryGroupInHelp() {
        CliRun help = CliRun.of("--help", "--version");

        assertThat(help.exitCode()).isZero();
        for (String group : MlciCommand.GROUPS.keySet()) {
            assertThat(help.out()).contains("  " + group);
        }
    }

    @Test
    public void shouldStillSuggestAGroupForATypo() {
        CliRun typo = CliRun.of("dtaa", "status");

        assertThat(typo.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(typo.err()).contains("data");
    }
}
