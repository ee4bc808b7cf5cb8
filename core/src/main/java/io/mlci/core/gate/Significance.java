package io.mlci.core.gate;

/**
 * A statistical test that decides a change rule from per-example predictions of both runs
 * instead of from the point estimate alone.
 *
 * @param resamples bootstrap resamples (paired bootstrap only)
 * @param seed      the bootstrap's random seed, recorded so a verdict can be reproduced
 */
public record Significance(Test test, double alpha, int resamples, long seed) {

    public static final double DEFAULT_ALPHA = 0.05;
    public static final int DEFAULT_RESAMPLES = 1000;
    public static final long DEFAULT_SEED = 12345;

    public enum Test {
        PAIRED_BOOTSTRAP("paired-bootstrap"), MCNEMAR("mcnemar");

        private final String label;

        Test(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
