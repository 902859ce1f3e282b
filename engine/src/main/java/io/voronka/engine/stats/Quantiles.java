package io.voronka.engine.stats;

/**
 * Quantiles of sorted data by linear interpolation between closest ranks (Hyndman–Fan type 7: numpy's default,
 * R's default, PostgreSQL's {@code percentile_cont}): position {@code q·(n − 1)}.
 */
public final class Quantiles {
    private Quantiles() {
    }

    /** The {@code q}-quantile (0 ≤ q ≤ 1) of {@code sorted[0..n)}; NaN when {@code n == 0}. */
    public static double of(double[] sorted, int n, double q) {
        assert q >= 0 && q <= 1;
        if (n == 0) {
            return Double.NaN;
        }
        double position = q * (n - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(n - 1, below + 1);
        double fraction = position - below;
        return sorted[below] + fraction * (sorted[above] - sorted[below]);
    }
}
