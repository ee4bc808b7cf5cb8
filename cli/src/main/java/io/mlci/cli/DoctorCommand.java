package io.mlci.cli;

import io.mlci.core.doctor.Check;
import io.mlci.core.doctor.Doctor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Check what mlci needs here: Java, git, mlci.yaml, the training command, Docker and GPUs when used, "
                + "the data remote and the run store (reachable, credentials accepted). Exit status 1 when something is missing.",
        footer = {"", "Examples:", "  mlci doctor", "  mlci doctor --hash-speed"})
final class DoctorCommand implements Callable<Integer> {

    @ParentCommand
    MlciCommand root;

    @Option(names = "--hash-speed", description = "Also measure MD5 on one core from memory for a few seconds:"
            + " MessageDigest and the vector kernel (lanes, rate once compiled, how long compiling it took).")
    boolean hashSpeed;

    @Override
    public Integer call() {
        List<Check> checks = new ArrayList<>(new Doctor(root.repositoryRoot(), root.environment()).run());
        if (hashSpeed) {
            checks.add(Doctor.hashSpeed());
        }
        if (root.global().json()) {
            root.console().json(checks);
        } else {
            for (Check check : checks) {
                String mark = switch (check.status()) {
                    case OK -> "ok  ";
                    case WARN -> "warn";
                    case FAIL -> "FAIL";
                };
                root.console().out().printf("%s  %-16s %s%n", mark, check.name(), check.detail());
                if (check.fix() != null) {
                    root.console().out().printf("      %-16s -> %s%n", "", check.fix());
                }
            }
        }
        return checks.stream().anyMatch(c -> c.status() == Check.Status.FAIL) ? ExitCodes.ERROR : ExitCodes.OK;
    }
}
