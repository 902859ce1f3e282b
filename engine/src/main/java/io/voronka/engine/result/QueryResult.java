package io.voronka.engine.result;

/**
 * The answer to a query: plain immutable data that HTTP, CLI, charts and bot render. Results carry numbers and
 * the query they answer, not display text; renderers make the labels.
 *
 * <p>Every renderer implements {@link Visitor}, so a new kind of result fails to compile until each renderer
 * handles it (docs/architecture.md lists them). Serializable, so a Spark task can return a partition's answer
 * to the driver (with the query left out: the driver has it).
 */
public sealed interface QueryResult extends java.io.Serializable permits FunnelResult, SeriesResult, RetentionResult,
        UserListResult, PathsResult, DistributionResult, RateResult, ValueResult {
    <R> R accept(Visitor<R> visitor);

    /** About how many bytes of heap the result holds ({@link ResultSize}); the result cache is bounded by it. */
    long estimatedBytes();

    /** One method per kind of result. */
    interface Visitor<R> {
        R funnel(FunnelResult result);

        R series(SeriesResult result);

        R retention(RetentionResult result);

        R users(UserListResult result);

        R rate(RateResult result);

        R value(ValueResult result);

        R paths(PathsResult result);

        R distribution(DistributionResult result);
    }
}
