package io.voronka.engine.config;

/**
 * Marketing spend for CAC and ROMI: a table or CSV file with one row per (acquisition group, date, amount), e.g.
 * the demo's {@code costs(source, dt, amount)}. {@code group} values name values of the store dimension
 * {@code dimension} (e.g. {@code utm_source}) that customers are attributed to by first touch.
 */
public record CostsConfig(SourceLocation location, String time, String group, String value, String dimension) {
}
