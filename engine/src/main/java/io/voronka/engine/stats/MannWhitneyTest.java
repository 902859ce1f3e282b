package io.voronka.engine.stats;

import org.apache.commons.math3.stat.ranking.NaNStrategy;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.apache.commons.math3.stat.ranking.TiesStrategy;

import java.util.Arrays;

/**
 * The two-sided Mann–Whitney U test (Wilcoxon rank-sum) of two independent samples: {@code u} is the U statistic
 * of the first sample (pairs where it is larger, ties counting one half) with average ranks for ties; the p-value
 * uses the normal approximation with the tie-corrected variance {@code n1·n2/12·((n+1) − Σ(t³−t)/(n(n−1)))} and a
 * continuity correction of 0.5 — the same as scipy's {@code mannwhitneyu(x, y, method='asymptotic')}. NaN when a
 * sample is empty or all values are equal.
 */
public record MannWhitneyTest(double u, double z, double pValue) {
    public static MannWhitneyTest of(double[] x, double[] y) {
        int n1 = x.length;
        int n2 = y.length;
        if (n1 == 0 || n2 == 0) {
            return new MannWhitneyTest(Double.NaN, Double.NaN, Double.NaN);
        }
        double[] both = new double[n1 + n2];
        System.arraycopy(x, 0, both, 0, n1);
        System.arraycopy(y, 0, both, n1, n2);
        double[] ranks = new NaturalRanking(NaNStrategy.FAILED, TiesStrategy.AVERAGE).rank(both);
        double rankSum = 0;
        for (int i = 0; i < n1; i++) {
            rankSum += ranks[i];
        }
        double u = rankSum - n1 * (n1 + 1.0) / 2;
        double n = n1 + n2;
        double[] sorted = both.clone();
        Arrays.sort(sorted);
        double ties = 0;
        for (int i = 0; i < sorted.length; ) {
            int j = i;
            while (j < sorted.length && sorted[j] == sorted[i]) {
                j++;
            }
            double t = j - i;
            ties += t * t * t - t;
            i = j;
        }
        double variance = n1 * (double) n2 / 12 * ((n + 1) - ties / (n * (n - 1)));
        if (variance <= 0) {
            return new MannWhitneyTest(u, Double.NaN, Double.NaN);
        }
        double mean = n1 * (double) n2 / 2;
        double distance = Math.max(0, Math.abs(u - mean) - 0.5);
        double z = Math.signum(u - mean) * distance / Math.sqrt(variance);
        return new MannWhitneyTest(u, z, TwoProportionTest.twoSided(z));
    }
}
