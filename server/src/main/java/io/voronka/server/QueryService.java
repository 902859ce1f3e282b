package io.voronka.server;

import io.voronka.dsl.ParsedQuery;
import io.voronka.dsl.QueryParser;
import io.voronka.engine.error.ErrorKind;
import io.voronka.engine.error.VoronkaException;
import io.voronka.engine.eval.Deadline;
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
 * catalog, evaluates under a time limit. Failures are {@link VoronkaException}s of their kind: a query error is a
 * user error with its position, a query over its time limit a timeout that says how to narrow it.
 */
public final class QueryService implements AutoCloseable {
    /** Results kept for repeated questions (dashboards, report buttons); a reload makes them unreachable. */
    static final int CACHED_RESULTS = 256;

    private final StoreHolder stores;
    private final QueryEngine engine;
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
        return answer(text, today).result();
    }

    /** A result and the parser's warnings about it (e.g. a filter on a value no event has). */
    public record Answer(QueryResult result, List<String> warnings) {
        public Answer {
            warnings = List.copyOf(warnings);
        }
    }

    /** Runs {@code text} on the current store, keeping the warnings beside the result. */
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
        ParsedQuery parsed = QueryParser.parseWithWarnings(text, loaded.catalog());
        try {
            QueryResult result = engine.execute(parsed.query(), loaded.store(), today, Deadline.after(timeLimit));
            Answer answer = new Answer(result, parsed.warnings());
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
        }
    }

    @Override
    public void close() {
        engine.close();
    }
}
