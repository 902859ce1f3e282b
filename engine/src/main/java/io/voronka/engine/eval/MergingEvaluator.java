package io.voronka.engine.eval;

import io.voronka.engine.query.Query;
import io.voronka.engine.result.QueryResult;
import io.voronka.engine.store.EventStore;

/**
 * An evaluator whose answer is made in two steps: a scan of a store into a {@link PartialAnswer}, then a finish step
 * from the partial answer to the result (top K, quantiles, tests, bins). One store runs both; a distributed run
 * scans every partition, adds the partial answers up and finishes once, so both take the same code to the answer.
 */
public interface MergingEvaluator<Q extends Query, P extends PartialAnswer> extends Evaluator<Q> {
    /** The class of the partial answers (to cast merged ones back). */
    Class<P> partialType();

    /** The partial answer over the users of {@code store}; parameters as {@link #evaluate}. */
    P partial(Q query, EventStore store, TimeRange range, Deadline deadline);

    /** The answer from the partial answer over all users (one store's, or the sum of every partition's). */
    QueryResult finish(Q query, P partial);

    @Override
    default QueryResult evaluate(Q query, EventStore store, TimeRange range, Deadline deadline) {
        return finish(query, partial(query, store, range, deadline));
    }
}
