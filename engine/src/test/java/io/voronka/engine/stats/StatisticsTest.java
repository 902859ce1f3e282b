package io.voronka.engine.stats;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Expected values come from engine/src/test/resources/stats/expected_statistics.py, an independent plain-python
 * script (math.erfc for the normal tail, the Numerical Recipes series / continued fraction for the chi-square tail,
 * hand-written ranks for Mann–Whitney; no scipy on this machine), printed with repr and pasted here. Agreement is
 * required to 1e-9 relative.
 */
class StatisticsTest {
    private static final long[] SUCCESSES = {45, 30, 60, 8};
    private static final long[] TRIALS = {120, 150, 130, 20};

    @Test
    void wilsonIntervalsMatchTheClosedFormula() {
        double[][] expected = {
                {0.29352429786446804, 0.4642304937402079},
                {0.14384081582284963, 0.27114133079799635},
                {0.3781784643431, 0.5471062711333948},
                {0.2188065323728171, 0.6134184992377469}};
        for (int g = 0; g < 4; g++) {
            WilsonInterval w = WilsonInterval.of(SUCCESSES[g], TRIALS[g]);
            assertRelative(expected[g][0], w.low());
            assertRelative(expected[g][1], w.high());
        }
    }

    @Test
    void groupAgainstTheRestZTestAndHolmAdjustment() {
        double[] z = {0.9443103284488301, -4.528271950649328, 3.5054802636624665, 0.575627790336779};
        double[] p = {0.34501108949095094, 5.946801506370004e-06, 0.00045578429239520417, 0.5648667928157202};
        double[] holm = {0.6900221789819019, 2.3787206025480016e-05, 0.0013673528771856124, 0.6900221789819019};
        long allX = Arrays.stream(SUCCESSES).sum();
        long allN = Arrays.stream(TRIALS).sum();
        double[] measured = new double[4];
        for (int g = 0; g < 4; g++) {
            TwoProportionTest test = TwoProportionTest.of(SUCCESSES[g], TRIALS[g], allX - SUCCESSES[g],
                    allN - TRIALS[g]);
            assertRelative(z[g], test.z());
            assertRelative(p[g], test.pValue());
            measured[g] = test.pValue();
        }
        double[] adjusted = HolmAdjustment.adjust(measured);
        for (int g = 0; g < 4; g++) {
            assertRelative(holm[g], adjusted[g]);
        }
    }

    @Test
    void holmLeavesUntestedGroupsOutOfTheCount() {
        double[] adjusted = HolmAdjustment.adjust(new double[]{0.01, Double.NaN, 0.04});
        assertEquals(0.02, adjusted[0], 1e-15);
        assertTrue(Double.isNaN(adjusted[1]));
        assertEquals(0.04, adjusted[2], 1e-15);
    }

    @Test
    void chiSquareOfIndependenceOverAllGroups() {
        ChiSquareIndependence chi = ChiSquareIndependence.of(SUCCESSES, TRIALS);
        assertRelative(22.619299611801694, chi.statistic());
        assertEquals(3, chi.degreesOfFreedom());
        assertRelative(4.847578373735385e-05, chi.pValue());
    }

    @Test
    void chiSquareSkipsEmptyGroupsAndNeedsTwo() {
        ChiSquareIndependence withEmpty = ChiSquareIndependence.of(new long[]{45, 0, 30, 60, 8},
                new long[]{120, 0, 150, 130, 20});
        assertRelative(22.619299611801694, withEmpty.statistic());
        assertTrue(Double.isNaN(ChiSquareIndependence.of(new long[]{3}, new long[]{10}).pValue()));
    }

    @Test
    void mannWhitneyWithTiesMatchesTheAsymptoticFormula() {
        double[] x = {12, 15, 15, 20, 31, 7, 44, 15, 9, 28};
        double[] y = {5, 7, 8, 12, 3, 15, 6, 10, 2};
        MannWhitneyTest test = MannWhitneyTest.of(x, y);
        assertRelative(79.5, test.u());
        assertRelative(2.7908157377851914, test.z());
        assertRelative(0.005257539357805369, test.pValue());
        MannWhitneyTest swapped = MannWhitneyTest.of(y, x);
        assertRelative(10 * 9 - 79.5, swapped.u());
        assertRelative(0.005257539357805369, swapped.pValue());
    }

    @Test
    void boxSummaryHasType7QuartilesAndTukeyWhiskers() {
        double[] data = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 40, -20};
        Arrays.sort(data);
        BoxSummary box = BoxSummary.of(data, data.length);
        assertRelative(2.0, box.q1());
        assertRelative(4.0, box.median());
        assertRelative(5.0, box.q3());
        assertRelative(8.400000000000002, Quantiles.of(data, data.length, 0.9));
        assertEquals(1.0, box.lowerWhisker());
        assertEquals(9.0, box.upperWhisker());
        assertEquals(2, box.outliers());
        assertEquals(13, box.n());
        assertRelative(64.0 / 13, box.mean());
    }

    private static void assertRelative(double expected, double actual) {
        assertEquals(expected, actual, Math.abs(expected) * 1e-9, () -> "expected " + expected + ", was " + actual);
    }
}
