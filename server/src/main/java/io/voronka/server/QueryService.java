package io.voronka.server;

import io.voronka.dsl.ParsedQuery;
import io.voronka.dsl.QueryParser;
import io.voronka.engine.error.ErrorKind;
import io.voronka.engine.error.VoronkaException;
import io.voronka.engine.eval.Deadline;
import io.voronka.engine.exec.Explanation;
import io.voronka.engine.exec.QueryEngine;
import io.voronka.engine.eval.QueryTimeoutException;
import io.voronka.engine.result.QueryResult;

import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Query text in, result out, for every front end (HTTP, CLI, bot): parses against the current store's
 * catalog, admits the query fairly ({@link QueryAdmission}: arrival order, a bounded queue, {@link ErrorKind#BUSY}
 * when full, all threads when idle and one under load), evaluates under a time limit; {@code explain …} also
 * returns the plan. Failures are {@link VoronkaException}s of their kind: a query error is a
 * user error with its position, a query over its time limit a timeout that says how to narrow it.
 */
public final class QueryService implements AutoCloseable {
    /** Results kept for repeated questions (dashboards, report buttons); a reload makes them unreachable. */
    static final int CACHED_RESULTS = 256;

    private final StoreHolder stores;
    /** Splits a query over all threads (when the server is idle). */
    private final QueryEngine engine;
    /** Runs a query in the request's own thread (under load). */
    private final QueryEngine single;
    private final QueryAdmission admission;
    private final Duration timeLimit;
    private final Map<CacheKey, Answer> cache = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<CacheKey, Answer> eldest) {
            return size() > CACHED_RESULTS;
        }
    };

    /** The store the cached results belong to (guarded by the cache's lock). */
    private LoadedStore cachedFor;

    /** The same text on the same loaded store (and the same "today") gives the same result. */
    private record CacheKey(LoadedStore store, String text, LocalDate today) {
        @Override
        public boolean equals(Object o) {
            return o instanceof CacheKey k && k.store == store && k.text.equals(text) && Objects.equals(k.today, today);
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(store) * 31 + text.hashCode() * 7 + Objects.hashCode(today);
        }
    }

    public QueryService(StoreHolder stores, int threads, Duration timeLimit) {
        this(stores, threads, ServerSettings.DEFAULT_QUEUE_LENGTH, timeLimit);
    }

    /** @param queueLength queries that may wait for a thread; more are refused as busy (HTTP 503) */
    public QueryService(StoreHolder stores, int threads, int queueLength, Duration timeLimit) {
        this.stores = stores;
        this.engine = new QueryEngine(threads);
        this.single = QueryEngine.inCallerThread();
        this.admission = new QueryAdmission(threads, queueLength);
        this.timeLimit = timeLimit;
    }

    /** The admission every query passes (tests hold its threads to fill it). */
    QueryAdmission admission() {
        return admission;
    }

    public StoreHolder stores() {
        return stores;
    }

    /** Runs {@code text} on the current store; relative ranges end on the last day in the data. */
    public QueryResult run(String text) {
        return run(text, null);
    }

    public QueryResult run(String text, LocalDate today) {
        return answer(text, today).result();
    }

    /**
     * A result and the parser's warnings about it (e.g. a filter on a value no event has); for {@code explain …} also
     * how it was found (else null), the parse and queue time and the threads it ran on.
     */
    public record Answer(QueryResult result, List<String> warnings, Explanation explanation, long parseNanos,
                        long waitNanos, int threads) {
        public Answer {
            warnings = List.copyOf(warnings);
        }

        public boolean explained() {
            return explanation != null;
        }
    }

    /** Runs {@code text} on the current store, keeping the warnings (and for explain the plan) beside the result. */
    public Answer answer(String text, LocalDate today) {
        if (text == null || text.isBlank()) {
            throw VoronkaException.user("the query is empty: send query text, e.g. 3 > 4|13 > 7 > pay");
        }
        LoadedStore loaded = stores.current();
        CacheKey key = new CacheKey(loaded, text.strip(), today);
        synchronized (cache) {
            if (cachedFor != loaded) {
                // a reload swapped the store: drop the old results so they do not keep the old store in memory
                cache.clear();
                cachedFor = loaded;
            }
            Answer cached = cache.get(key);
            if (cached != null) {
                return cached;
            }
        }
        long parseStart = System.nanoTime();
        ParsedQuery parsed = QueryParser.parseWithWarnings(text, loaded.catalog());
        long parseNanos = System.nanoTime() - parseStart;
        Deadline deadline = Deadline.after(timeLimit);
        QueryAdmission.Ticket ticket = admission.admit(timeLimit);
        try {
            QueryEngine runner = ticket.parallel() ? engine : single;
            if (parsed.explain()) {
                Explanation explanation = runner.explain(parsed.query(), loaded.store(), today, deadline);
                return new Answer(explanation.result(), parsed.warnings(), explanation, parseNanos,
                        ticket.waitedNanos(), ticket.threads());
            }
            QueryResult result = runner.execute(parsed.query(), loaded.store(), today, deadline);
            Answer answer = new Answer(result, parsed.warnings(), null, parseNanos, ticket.waitedNanos(),
                    ticket.threads());
            synchronized (cache) {
                if (cachedFor == loaded) {
                    cache.put(key, answer);
                }
            }
            return answer;
        } catch (QueryTimeoutException e) {
            throw new VoronkaException(ErrorKind.TIMEOUT, e.getMessage()
                    + "; narrow the date range or simplify the query", e);
        } catch (OutOfMemoryError e) {
            throw new VoronkaException(ErrorKind.TOO_LARGE, "the query needs more memory than the server has;"
                    + " narrow the date range, drop the breakdown or use a coarser bucket", e);
        } finally {
            admission.release(ticket);
        }
    }

    @Override
    public void close() {
        engine.close();
        single.close();
    }
}
