package io.mlci.core.gate;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Percentile interval of the mean paired improvement: resample the shared examples with
 * replacement, recompute the mean, take the α/2 and 1 − α/2 quantiles. Seeded, so the same
 * inputs always give the same interval.
 */
final class PairedBootstrap {

    private PairedBootstrap() {
    }

    static double[] interval(PairedPredictions pairs, double alpha, int resamples, long seed) {
        int n = pairs.size();
        int[] diffs = pairs.improvements();
        SplittableRandom random = new SplittableRandom(seed);
        double[] means = new double[resamples];
        for (int r = 0; r < resamples; r++) {
            long sum = 0;
            for (int i = 0; i < n; i++) {
                sum += diffs[random.nextInt(n)];
            }
            means[r] = (double) sum / n;
        }
        Arrays.sort(means);
        int low = (int) Math.floor(alpha / 2 * resamples);
        int high = (int) Math.ceil((1 - alpha / 2) * resamples) - 1;
        return new double[] {means[Math.max(0, low)], means[Math.min(resamples - 1, high)]};
    }
}
