package io.voronka.server;

import io.voronka.dsl.ParsedQuery;
import io.voronka.engine.eval.Deadline;
import io.voronka.engine.exec.Explanation;
import io.voronka.engine.exec.QueryEngine;
import io.voronka.engine.result.QueryResult;

import java.time.LocalDate;
import java.util.Map;

/**
 * What evaluates the parsed queries of a served version: the seam between the server and wherever the events live.
 * The default, {@link #heap()}, runs the engine on the version's own {@link io.voronka.engine.store.EventStore}.
 * Another module may keep the events elsewhere (the {@code spark} module: one store per user partition on a Spark
 * cluster): its versions carry a store with the event types, dimensions, time zone, time span, costs and per-source
 * counts but no events, which is all that parsing, autocomplete, reports and the bot read from it, and its backend
 * answers the queries and says what it holds. Admission, deadlines, the result cache and error mapping stay in
 * {@link QueryService} and {@link HttpApi}, the same for every backend.
 */
public interface QueryBackend {
    /** The in-memory engine over the version's own store. */
    static QueryBackend heap() {
        return HeapBackend.INSTANCE;
    }

    /**
     * One query to evaluate.
     *
     * @param version the version it was parsed against (its catalog); the answer must come from that version's data
     * @param text    the query text as sent (a backend that parses again elsewhere, e.g. on executors, ships it)
     * @param engine  the engine with the threads the admission granted (the heap backend runs on it)
     */
    record Request(LoadedStore version, ParsedQuery parsed, String text, LocalDate today, Deadline deadline,
                   QueryEngine engine) {
    }

    /**
     * The answer to {@code request}; stops with {@link io.voronka.engine.eval.QueryTimeoutException} when its deadline
     * passes or is cancelled, and throws {@link io.voronka.engine.error.VoronkaException}s of their kind.
     */
    QueryResult execute(Request request);

    /** The answer with how it was found ({@code explain …}); a backend that cannot tell says so as a user error. */
    Explanation explain(Request request);

    /** What {@code version}'s data is held in, for {@code /api/health}, {@code /api/sources} and reload answers. */
    Holding holding(LoadedStore version);

    /** The dimensions of {@code version} with their most frequent values ({@code GET /api/dimensions}). */
    DimensionSummary dimensions(LoadedStore version);

    /**
     * @param backend the backend's name in JSON answers: {@code heap}, {@code spark}
     * @param details what else it says about itself (Spark: master, partitions, events per partition); may be empty
     */
    record Holding(String backend, long events, long users, Map<String, Object> details) {
        public Holding {
            details = Map.copyOf(details);
        }
    }
}
