package io.voronka.engine.stats;

import java.util.Arrays;

/**
 * Holm's step-down adjustment of p-values for testing several groups at once: sorted ascending, the i-th smallest
 * (0-based) becomes {@code max over j ≤ i of min(1, (m − j)·p(j))}. Rejecting where the adjusted value is below α
 * controls the family-wise error rate at α. NaN entries (tests that could not be made) stay NaN and do not count in
 * {@code m}.
 */
public final class HolmAdjustment {
    private HolmAdjustment() {
    }

    public static double[] adjust(double[] pValues) {
        Integer[] order = new Integer[pValues.length];
        int m = 0;
        for (int i = 0; i < pValues.length; i++) {
            if (!Double.isNaN(pValues[i])) {
                order[m++] = i;
            }
        }
        Integer[] tested = Arrays.copyOf(order, m);
        Arrays.sort(tested, (a, b) -> Double.compare(pValues[a], pValues[b]));
        double[] adjusted = new double[pValues.length];
        Arrays.fill(adjusted, Double.NaN);
        double running = 0;
        for (int rank = 0; rank < m; rank++) {
            int i = tested[rank];
            running = Math.max(running, Math.min(1, (m - rank) * pValues[i]));
            adjusted[i] = running;
        }
        return adjusted;
    }
}
