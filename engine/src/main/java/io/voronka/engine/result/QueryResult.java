package io.voronka.engine.result;

/**
 * The answer to a query: plain immutable data that HTTP, CLI and bot render. Serializable, so a Spark task can
 * return a partition's answer to the driver.
 */
public sealed interface QueryResult extends java.io.Serializable permits FunnelResult, SeriesResult, RetentionResult, UserListResult {
}
