package io.voronka.server;

import io.voronka.dsl.QueryException;
import io.voronka.dsl.QueryParser;
import io.voronka.engine.eval.Deadline;
import io.voronka.engine.eval.QueryEngine;
import io.voronka.engine.eval.QueryTimeoutException;
import io.voronka.engine.query.Query;
import io.voronka.engine.result.QueryResult;

import java.time.Duration;
import java.time.LocalDate;

/**
 * Query text in, result out, for every front end (HTTP, CLI, bot): parses against the current store's
 * catalog, evaluates under a time limit, and turns every failure into an {@link ApiError} a person can act on.
 */
public final class QueryService implements AutoCloseable {
    private final StoreHolder stores;
    private final QueryEngine engine;
    private final Duration timeLimit;

    public QueryService(StoreHolder stores, int threads, Duration timeLimit) {
        this.stores = stores;
        this.engine = new QueryEngine(threads);
        this.timeLimit = timeLimit;
    }

    public StoreHolder stores() {
        return stores;
    }

    /** Runs {@code text} on the current store; relative ranges end on the last day in the data. */
    public QueryResult run(String text) {
        return run(text, null);
    }

    public QueryResult run(String text, LocalDate today) {
        if (text == null || text.isBlank()) {
            throw new ApiError(400, "the query is empty: send query text, e.g. 3 > 4|13 > 7 > pay");
        }
        LoadedStore loaded = stores.current();
        Query query;
        try {
            query = QueryParser.parse(text, loaded.catalog());
        } catch (QueryException e) {
            throw ApiError.of(e);
        }
        try {
            return engine.execute(query, loaded.store(), today, Deadline.after(timeLimit));
        } catch (QueryTimeoutException e) {
            throw new ApiError(408, e.getMessage() + "; narrow the date range or simplify the query");
        } catch (IllegalArgumentException e) {
            throw new ApiError(400, e.getMessage());
        }
    }

    @Override
    public void close() {
        engine.close();
    }
}
