package io.voronka.engine.query;

/**
 * A parsed question, independent of how it is evaluated: the in-memory evaluator answers it today, a SQL
 * backend could answer the same records later. Events are named by {@link EventRef}, dimensions by name.
 */
public sealed interface Query permits FunnelQuery, MetricQuery, RetentionQuery, AcquisitionQuery {
}
