package io.mlci.core.ci;

import io.mlci.core.evaluate.RulesSource;
import io.mlci.core.gate.GateResult;
import io.mlci.core.gate.RuleOutcome;
import io.mlci.core.gate.RuleStatus;

import java.util.Locale;

/**
 * A pull-request check as a CI system publishes it (GitHub checks, GitLab statuses through the
 * Jenkins Checks API): the same for the shared library and the plugin.
 *
 * @param title      the verdict and its headline delta, e.g. "failed: accuracy -0.006 (-0.67%)"
 * @param conclusion SUCCESS, NEUTRAL (unstable) or FAILURE — the Checks API's names
 * @param summary    the Markdown report
 */
public record CheckRun(String name, String title, String conclusion, String summary) {

    public static final String DEFAULT_NAME = "mlci";

    public static CheckRun of(String name, GateResult result, String markdown) {
        return new CheckRun(name == null || name.isBlank() ? DEFAULT_NAME : name, title(result),
                result.conclusion().toUpperCase(Locale.ROOT), markdown);
    }

    /**
     * The rule that decided a failing verdict, else the first rule with a delta to show; a
     * self-comparison or a zero baseline is said in the title itself.
     */
    public static String title(GateResult result) {
        String caveat = result.caveat();
        if (result.baseline() != null && result.baseline().sameTraining()) {
            return result.verdict().label() + ": " + caveat;
        }
        String title = headlineTitle(result) + (result.evaluatedBy() == null ? "" : " (" + result.evaluatedBy() + ")");
        return caveat == null ? title : title + "; " + caveat;
    }

    private static String headlineTitle(GateResult result) {
        RuleOutcome worst = result.worst();
        RuleOutcome headline = worst != null && (worst.status() == RuleStatus.FAILED || worst.status() == RuleStatus.UNSTABLE)
                ? worst : result.outcomes().stream().filter(o -> o.delta() != null).findFirst().orElse(worst);
        String verdict = result.verdict().label();
        if (headline == null) {
            String from = result.rulesFrom();
            return from != null && from.startsWith(RulesSource.NO_RULES) ? from : verdict + ": no rules";
        }
        String delta = headline.delta() == null ? "" : String.format(Locale.ROOT, " %+.4g", headline.delta());
        String pct = headline.deltaPct() == null ? "" : String.format(Locale.ROOT, " (%+.2f%%)", headline.deltaPct());
        return verdict + ": " + headline.metric() + (headline.slice().isEmpty() ? "" : " [" + headline.slice() + "]")
                + delta + pct;
    }
}
