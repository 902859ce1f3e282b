package io.voronka.engine.stats;

import java.util.Arrays;

/**
 * Proportions of several groups compared at once: per group its 95% Wilson interval and the two-proportion z-test
 * against all the other groups together, the p-values Holm-adjusted over the groups that could be tested, and the
 * chi-square test of independence over all groups.
 */
public record GroupComparison(WilsonInterval[] intervals, TwoProportionTest[] tests, double[] adjusted,
                              ChiSquareIndependence independence) {
    public static GroupComparison of(long[] successes, long[] trials) {
        int k = trials.length;
        long allSuccesses = Arrays.stream(successes).sum();
        long allTrials = Arrays.stream(trials).sum();
        WilsonInterval[] intervals = new WilsonInterval[k];
        TwoProportionTest[] tests = new TwoProportionTest[k];
        double[] p = new double[k];
        for (int g = 0; g < k; g++) {
            intervals[g] = WilsonInterval.of(successes[g], trials[g]);
            tests[g] = k < 2 ? new TwoProportionTest(Double.NaN, Double.NaN) : TwoProportionTest.of(successes[g],
                    trials[g], allSuccesses - successes[g], allTrials - trials[g]);
            p[g] = tests[g].pValue();
        }
        return new GroupComparison(intervals, tests, HolmAdjustment.adjust(p), ChiSquareIndependence.of(successes,
                trials));
    }
}
