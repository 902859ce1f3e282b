package io.voronka.engine.eval;

/** Nearest-rank percentiles of sorted values, the definition every timing in Voronka uses. */
public final class Percentiles {
    private Percentiles() {
    }

    /** The smallest value with at least fraction {@code p} of the values at or below it; {@code sorted} not empty. */
    public static long nearestRank(int[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
