package io.mlci.cli.review;

import io.mlci.cli.ExitCodes;
import io.mlci.cli.MlciCommand;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlci.core.ci.CheckRun;
import io.mlci.core.evaluate.EvaluationResult;
import io.mlci.core.gate.GateResult;
import io.mlci.core.gate.RuleOutcome;
import io.mlci.core.report.MarkdownReport;
import io.mlci.core.report.Numbers;
import io.mlci.core.report.ReportData;
import io.mlci.core.storage.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "gate", mixinStandardHelpOptions = true,
        description = {"Judge a run against its baseline with the rules of mlci.yaml's gate section, and record the verdict.",
                "For pull requests (CHANGE_ID set, or a run with a target branch) the rules are read from the target "
                        + "branch's mlci.yaml, never from the pull request's working tree.",
                "Exit status: 0 passed, 3 failed, 4 unstable, 1 error."},
        footer = {"", "Examples:", "  mlci gate", "  mlci gate --target main --report report.md",
                "  mlci gate --rules-from origin/main --json"})
public final class GateCommand implements Callable<Integer> {

    @ParentCommand
    MlciCommand root;

    @Mixin
    ReviewOptions review;

    @Option(names = "--report", paramLabel = "FILE", description = "Also write the Markdown PR report to FILE.")
    Path report;

    @Option(names = "--dashboard-url", paramLabel = "URL", description = "Link the report to the published dashboard.")
    String dashboardUrl;

    @Override
    public Integer call() {
        EvaluationResult evaluation = review.evaluate(root, true, report != null);
        GateResult result = evaluation.result();
        if (report != null) {
            write(report, MarkdownReport.render(ReportData.of(evaluation, dashboardUrl)));
        }
        if (root.global().json()) {
            root.console().json(withCheck(root.console().jsonObject(result), result));
        } else if (root.global().quiet()) {
            root.console().out().println(verdictLine(result));
        } else {
            print(root.console().out(), result);
        }
        return switch (result.verdict()) {
            case FAILED -> ExitCodes.GATE_FAILED;
            case UNSTABLE -> ExitCodes.GATE_UNSTABLE;
            default -> ExitCodes.OK;
        };
    }

    /** The verdict as JSON plus the pull-request check's title and conclusion, so a pipeline publishes what the plugin would. */
    private static ObjectNode withCheck(ObjectNode json, GateResult result) {
        CheckRun check = CheckRun.of(null, result, null);
        json.putObject("check").put("title", check.title()).put("conclusion", check.conclusion());
        return json;
    }

    /** "gate FAILED: accuracy — why", with a self-comparison or a zero baseline said on the same line. */
    static String verdictLine(GateResult result) {
        RuleOutcome worst = result.worst();
        String caveat = result.caveat();
        return "gate " + result.verdict().label().toUpperCase()
                + (worst != null ? ": " + worst.metric() + (worst.slice().isEmpty() ? "" : " [" + worst.slice() + "]")
                + " — " + worst.message() : ": no rules") + (caveat == null ? "" : "; " + caveat);
    }

    /** The verdict and the worst rule first, then every outcome, one line each. */
    static void print(PrintStream out, GateResult result) {
        out.println(verdictLine(result));
        for (RuleOutcome outcome : result.outcomes()) {
            out.printf("  %-9s %-28s base %-10s cand %-10s Δ %-10s %s%n", outcome.status().label(),
                    outcome.metric() + (outcome.slice().isEmpty() ? "" : " [" + outcome.slice() + "]"),
                    Numbers.format(outcome.base()), Numbers.format(outcome.cand()), Numbers.signed(outcome.delta()),
                    outcome.rule());
        }
        out.println("baseline: " + (result.baseline().exists() ? "run " + result.baseline().runId() + " — " : "")
                + result.baseline().reason());
        out.println("rules:    " + result.rulesFrom());
        if (result.evaluatedBy() != null) {
            out.println("metrics:  " + result.evaluatedBy());
        }
    }

    static void write(Path file, String text) {
        try {
            AtomicFiles.write(file.toAbsolutePath(), text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
