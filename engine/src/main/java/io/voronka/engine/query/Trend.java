package io.voronka.engine.query;

/** A funnel per time bucket. */
public record Trend(Bucket bucket, TrendBy by) {
}
