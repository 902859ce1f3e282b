package io.voronka.engine.stats;

/**
 * A box plot of one group: quartiles (type 7, {@link Quantiles}), Tukey's whiskers (the most extreme values within
 * 1.5 IQR of the box), how many values lie beyond them, the mean and the count. All NaN with {@code n == 0}.
 */
public record BoxSummary(long n, double mean, double min, double q1, double median, double q3, double max,
                         double lowerWhisker, double upperWhisker, long outliers) {
    /** Summarises {@code sorted[0..n)}, which must be sorted ascending. */
    public static BoxSummary of(double[] sorted, int n) {
        if (n == 0) {
            return new BoxSummary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, Double.NaN, 0);
        }
        double q1 = Quantiles.of(sorted, n, 0.25);
        double q3 = Quantiles.of(sorted, n, 0.75);
        double reach = 1.5 * (q3 - q1);
        double lowFence = q1 - reach;
        double highFence = q3 + reach;
        int lo = 0;
        while (sorted[lo] < lowFence) {
            lo++;
        }
        int hi = n - 1;
        while (sorted[hi] > highFence) {
            hi--;
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += sorted[i];
        }
        return new BoxSummary(n, sum / n, sorted[0], q1, Quantiles.of(sorted, n, 0.5), q3, sorted[n - 1],
                sorted[lo], sorted[hi], lo + (n - 1 - hi));
    }
}
