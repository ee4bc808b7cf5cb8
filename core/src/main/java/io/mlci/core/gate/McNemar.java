package io.mlci.core.gate;

/**
 * McNemar's exact test on paired correctness: under "no difference", the examples only one run
 * gets right split between the runs like fair coin flips, so the two-sided p-value is twice the
 * binomial tail of the smaller count (capped at 1). Computed in log space: exact for any n.
 */
final class McNemar {

    private McNemar() {
    }

    /** Two-sided exact p-value for {@code fixed} examples only the candidate gets right and {@code broken} only the baseline does. */
    static double pValue(int fixed, int broken) {
        int n = fixed + broken;
        if (n == 0) {
            return 1.0;
        }
        int k = Math.min(fixed, broken);
        double logTerm = n * Math.log(0.5);
        double logSum = logTerm;
        for (int i = 1; i <= k; i++) {
            logTerm += Math.log(n - i + 1) - Math.log(i);
            logSum = logAdd(logSum, logTerm);
        }
        return Math.min(1.0, 2 * Math.exp(logSum));
    }

    private static double logAdd(double a, double b) {
        double max = Math.max(a, b);
        return max + Math.log(Math.exp(a - max) + Math.exp(b - max));
    }
}
