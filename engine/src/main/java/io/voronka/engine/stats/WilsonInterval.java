package io.voronka.engine.stats;

/**
 * The Wilson score interval of a proportion {@code successes / trials} at 95% (z = 1.959963984540054, the 0.975
 * quantile of the standard normal): {@code (p + z²/2n ± z·sqrt(p(1−p)/n + z²/4n²)) / (1 + z²/n)}. Unlike the
 * normal ("Wald") interval it stays inside [0, 1] and is sensible for small groups and rates near 0 or 1.
 */
public record WilsonInterval(double low, double high) {
    /** The 0.975 quantile of the standard normal distribution. */
    public static final double Z95 = 1.959963984540054;
    public static final WilsonInterval NONE = new WilsonInterval(Double.NaN, Double.NaN);

    /** The 95% interval; {@link #NONE} when there are no trials. */
    public static WilsonInterval of(long successes, long trials) {
        if (trials <= 0) {
            return NONE;
        }
        assert successes >= 0 && successes <= trials;
        double n = trials;
        double p = successes / n;
        double z2 = Z95 * Z95;
        double centre = p + z2 / (2 * n);
        double spread = Z95 * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        double scale = 1 + z2 / n;
        return new WilsonInterval(Math.max(0, (centre - spread) / scale), Math.min(1, (centre + spread) / scale));
    }
}
