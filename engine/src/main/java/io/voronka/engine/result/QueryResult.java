package io.voronka.engine.result;

/** The answer to a query: plain immutable data that HTTP, CLI and bot render. */
public sealed interface QueryResult permits FunnelResult, SeriesResult, RetentionResult, UserListResult {
}
