package io.mlci.cli.data;

import io.mlci.cli.ExitCodes;
import io.mlci.core.data.workspace.DataWorkspace;
import io.mlci.core.data.workspace.VerifyProblem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.Map;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Re-hash every cache object and workspace path the pointers name, trusting no cached hash. "
                + "Exits 1 if anything does not match.",
        footer = {"", "Example:", "  mlci data pull && mlci data verify"})
final class DataVerifyCommand extends DataVerb {

    @Parameters(arity = "0..*", paramLabel = "TARGET", description = "Pointer files, stages or tracked paths (default: all).")
    List<String> targets;

    @Override
    public Integer call() {
        List<VerifyProblem> problems;
        try (DataWorkspace workspace = openWorkspace()) {
            problems = workspace.verify(targets);
        }
        if (global().json()) {
            console().json(Map.of("ok", problems.isEmpty(), "problems", problems));
        } else if (problems.isEmpty()) {
            console().out().println("verified: cache and workspace match the pointers");
        } else {
            for (VerifyProblem problem : problems) {
                console().out().println(problem.source() + ": " + problem.path() + ": " + problem.problem());
            }
            console().err().println("mlci: error: " + problems.size() + " problem(s) found");
        }
        return problems.isEmpty() ? ExitCodes.OK : ExitCodes.ERROR;
    }
}
