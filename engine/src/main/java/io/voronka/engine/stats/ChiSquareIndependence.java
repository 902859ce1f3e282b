package io.voronka.engine.stats;

import org.apache.commons.math3.distribution.ChiSquaredDistribution;

/**
 * Pearson's chi-square test of independence of a 2×k table (successes and failures per group): whether the rate
 * differs between the groups at all. Groups without trials are left out; {@code degreesOfFreedom = k − 1} over the
 * groups kept. No continuity correction. NaN when fewer than two groups remain or every rate is 0 or every is 1.
 */
public record ChiSquareIndependence(double statistic, int degreesOfFreedom, double pValue) {
    public static ChiSquareIndependence of(long[] successes, long[] trials) {
        assert successes.length == trials.length;
        long totalSuccesses = 0;
        long totalTrials = 0;
        int groups = 0;
        for (int g = 0; g < trials.length; g++) {
            if (trials[g] > 0) {
                totalSuccesses += successes[g];
                totalTrials += trials[g];
                groups++;
            }
        }
        if (groups < 2 || totalSuccesses == 0 || totalSuccesses == totalTrials) {
            return new ChiSquareIndependence(Double.NaN, Math.max(0, groups - 1), Double.NaN);
        }
        double rate = (double) totalSuccesses / totalTrials;
        double statistic = 0;
        for (int g = 0; g < trials.length; g++) {
            if (trials[g] == 0) {
                continue;
            }
            double expectedYes = trials[g] * rate;
            double expectedNo = trials[g] * (1 - rate);
            double yes = successes[g] - expectedYes;
            double no = (trials[g] - successes[g]) - expectedNo;
            statistic += yes * yes / expectedYes + no * no / expectedNo;
        }
        int df = groups - 1;
        double p = new ChiSquaredDistribution(null, df).cumulativeProbability(statistic);
        return new ChiSquareIndependence(statistic, df, 1 - p);
    }
}
