package io.voronka.engine.eval;

import io.voronka.engine.query.Query;
import io.voronka.engine.result.QueryResult;
import io.voronka.engine.store.EventStore;

/**
 * Answers one kind of query over a store. Implementations scan users through {@link UserScan} (parallel user
 * ranges, deadline checks, per-task tallies merged at the end), so they only say what to do for a block of users
 * and how two partial answers add up. A store may be the whole in-memory store, a reopened snapshot or one
 * Spark partition: evaluators do not know which.
 */
public interface Evaluator<Q extends Query> {
    /**
     * @param range    the query's date range, already resolved to stored seconds in the store's zone
     * @param deadline checked between blocks of users; {@link QueryTimeoutException} when it passes
     */
    QueryResult evaluate(Q query, EventStore store, TimeRange range, Deadline deadline);
}
