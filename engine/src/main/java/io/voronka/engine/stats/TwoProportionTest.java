package io.voronka.engine.stats;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * The two-sided two-proportion z-test with the pooled proportion: {@code z = (p1 − p2) / sqrt(p(1−p)(1/n1 + 1/n2))},
 * {@code p = (x1 + x2) / (n1 + n2)}, p-value {@code 2·(1 − Φ(|z|))}. Equivalent to the chi-square test of a 2×2
 * table without continuity correction. Undefined (NaN) when a side has no trials or the pooled rate is 0 or 1.
 */
public record TwoProportionTest(double z, double pValue) {
    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);

    public static TwoProportionTest of(long x1, long n1, long x2, long n2) {
        if (n1 <= 0 || n2 <= 0) {
            return new TwoProportionTest(Double.NaN, Double.NaN);
        }
        double pooled = (double) (x1 + x2) / (n1 + n2);
        double variance = pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2);
        if (variance <= 0) {
            return new TwoProportionTest(Double.NaN, Double.NaN);
        }
        double z = ((double) x1 / n1 - (double) x2 / n2) / Math.sqrt(variance);
        return new TwoProportionTest(z, twoSided(z));
    }

    /** {@code 2·(1 − Φ(|z|))}, computed from the upper tail so tiny p-values keep their precision. */
    static double twoSided(double z) {
        return Math.min(1, 2 * STANDARD_NORMAL.cumulativeProbability(-Math.abs(z)));
    }
}
