package io.voronka.engine.query;

/**
 * A condition on one event: a dimension value test ({@code utm_source = 'vk'}) or a comparison of the event's
 * numeric value ({@code value >= 10000}). Funnel steps carry them ({@link Step#filters()}).
 */
public sealed interface EventFilter permits DimensionFilter, ValueFilter {
}
