package io.voronka.engine.config;

import java.nio.file.Path;

/**
 * Marketing spend for CAC and ROMI: a table with one row per (acquisition group, date, amount), e.g. the demo's
 * {@code costs(source, dt, amount)}. {@code group} values name values of the store dimension {@code dimension}
 * (e.g. {@code utm_source}) that customers are attributed to by first touch. Exactly one of {@code table} and
 * {@code parquet} (Parquet files, read by the Spark backend) is set.
 */
public record CostsConfig(String table, Path parquet, String time, String group, String value, String dimension,
                          String filter) {
    public CostsConfig {
        if ((table == null) == (parquet == null)) {
            throw new IllegalArgumentException("the costs need exactly one of table and parquet");
        }
    }
}
