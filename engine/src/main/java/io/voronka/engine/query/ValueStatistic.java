package io.voronka.engine.query;

/** What a value query computes over the values of the matching events. */
public enum ValueStatistic {
    AVERAGE,
    MEDIAN,
    /** The {@code percentile}-th percentile (type 7, as PostgreSQL's percentile_cont). */
    PERCENTILE,
    MIN,
    MAX,
    SUM,
    /** The box plot: quartiles, whiskers at 1.5 IQR, outliers, n. */
    DISTRIBUTION
}
