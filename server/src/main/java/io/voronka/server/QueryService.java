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
import io.voronka.engine.result.ResultSize;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Query text in, result out, for every front end (HTTP, CLI, bot): parses against the current store's
 * catalog, admits the query fairly ({@link QueryAdmission}: arrival order, a bounded queue, {@link ErrorKind#BUSY}
 * when full, all threads when idle and one under load), has its {@link QueryBackend} evaluate it (the engine on the
 * heap store, or a Spark cluster) under a time limit; {@code explain …} also
 * returns the plan. Failures are {@link VoronkaException}s of their kind: a query error is a
 * user error with its position, a query over its time limit a timeout that says how to narrow it.
 */
public final class QueryService implements AutoCloseable {
    /** A result larger than 1/this of the cache's bytes is never cached (a page of a million users, a wide table). */
    static final int LARGEST_SHARE = 8;

    private final StoreHolder stores;
    private final QueryBackend backend;
    /** Splits a query over all threads (when the server is idle). */
    private final QueryEngine engine;
    /** Runs a query in the request's own thread (under load). */
    private final QueryEngine single;
    private final QueryAdmission admission;
    private final Duration timeLimit;
    private final long cacheBytes;
    /** Results kept for repeated questions (dashboards, report buttons), least recently used first. */
    private final LinkedHashMap<CacheKey, Answer> cache = new LinkedHashMap<>(64, 0.75f, true);
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicLong cancelled = new AtomicLong();
    /** Estimated bytes of the cached results (guarded by the cache's lock). */
    private long cachedBytes;

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

    private final FreshnessSettings.Today today;

    /** A service whose relative ranges end on the last day in the data. */
    public QueryService(StoreHolder stores, int threads, Duration timeLimit) {
        this(stores, threads, timeLimit, FreshnessSettings.Today.DATA);
    }

    public QueryService(StoreHolder stores, int threads, Duration timeLimit, FreshnessSettings.Today today) {
        this(stores, threads, timeLimit, today, HttpLimits.defaults().resultCacheBytes());
    }

    /** @param cacheBytes the estimated bytes cached results may hold ({@link QueryResult#estimatedBytes()}) */
    public QueryService(StoreHolder stores, int threads, Duration timeLimit, long cacheBytes) {
        this(stores, threads, timeLimit, FreshnessSettings.Today.DATA, cacheBytes);
    }

    public QueryService(StoreHolder stores, int threads, Duration timeLimit, FreshnessSettings.Today today,
                        long cacheBytes) {
        this(stores, threads, ServerSettings.DEFAULT_QUEUE_LENGTH, timeLimit, today, cacheBytes);
    }

    /** @param queueLength queries that may wait for a thread; more are refused as busy (HTTP 503) */
    public QueryService(StoreHolder stores, int threads, int queueLength, Duration timeLimit) {
        this(stores, threads, queueLength, timeLimit, FreshnessSettings.Today.DATA,
                HttpLimits.defaults().resultCacheBytes());
    }

    /**
     * @param queueLength queries that may wait for a thread; more are refused as busy (HTTP 503)
     * @param cacheBytes the estimated bytes cached results may hold ({@link QueryResult#estimatedBytes()})
     */
    public QueryService(StoreHolder stores, int threads, int queueLength, Duration timeLimit,
                        FreshnessSettings.Today today, long cacheBytes) {
        this(stores, QueryBackend.heap(), threads, queueLength, timeLimit, today, cacheBytes);
    }

    /** @param backend evaluates the parsed queries on the serving version ({@link QueryBackend#heap()}: in memory) */
    public QueryService(StoreHolder stores, QueryBackend backend, int threads, int queueLength, Duration timeLimit,
                        FreshnessSettings.Today today, long cacheBytes) {
        this.stores = stores;
        this.backend = backend;
        this.engine = new QueryEngine(threads);
        this.single = QueryEngine.inCallerThread();
        this.admission = new QueryAdmission(threads, queueLength);
        this.timeLimit = timeLimit;
        this.today = today;
        this.cacheBytes = cacheBytes;
    }

    /** The admission every query passes (tests hold its threads to fill it). */
    QueryAdmission admission() {
        return admission;
    }

    public StoreHolder stores() {
        return stores;
    }

    /** What evaluates the queries and holds the data. */
    public QueryBackend backend() {
        return backend;
    }

    /** A deadline of this service's time limit starting now; a front end may cancel it (its client went away). */
    public Deadline deadline() {
        return Deadline.after(timeLimit);
    }

    /**
     * Runs {@code text} on the current store; relative ranges ({@code last 7d}) end today in the store's time zone
     * ({@code today: clock}) or on the last day in the data ({@code today: data}).
     */
    public QueryResult run(String text) {
        return run(text, today());
    }

    /** {@link #answer(String, LocalDate)} with relative ranges ending as {@code today} says (see {@link #run(String)}). */
    public Answer answer(String text) {
        return answer(text, today());
    }

    /** {@link #answer(String)} stopping when {@code deadline} passes or is cancelled (its client went away). */
    public Answer answer(String text, Deadline deadline) {
        return answer(text, today(), deadline);
    }

    private LocalDate today() {
        return today == FreshnessSettings.Today.CLOCK ? LocalDate.now(stores.current().store().zone()) : null;
    }

    public QueryResult run(String text, LocalDate today) {
        return answer(text, today).result();
    }

    /** As {@link #run(String, LocalDate)}, stopping when {@code deadline} passes or is cancelled. */
    public QueryResult run(String text, LocalDate today, Deadline deadline) {
        return answer(text, today, deadline).result();
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

        long estimatedBytes() {
            return result.estimatedBytes() + ResultSize.texts(warnings);
        }
    }

    /** Runs {@code text} on the current store, keeping the warnings (and for explain the plan) beside the result. */
    public Answer answer(String text, LocalDate today) {
        return answer(text, today, deadline());
    }

    /** As {@link #answer(String, LocalDate)}, stopping when {@code deadline} passes or is cancelled. */
    public Answer answer(String text, LocalDate today, Deadline deadline) {
        if (text == null || text.isBlank()) {
            throw VoronkaException.user("the query is empty: send query text, e.g. 3 > 4|13 > 7 > pay");
        }
        LoadedStore loaded = stores.current();
        CacheKey key = new CacheKey(loaded, text.strip(), today);
        synchronized (cache) {
            if (cachedFor != loaded) {
                // a reload swapped the store: drop the old results so they do not keep the old store in memory
                cache.clear();
                cachedBytes = 0;
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
        QueryAdmission.Ticket ticket = admission.admit(timeLimit);
        running.incrementAndGet();
        try {
            QueryBackend.Request request = new QueryBackend.Request(loaded, parsed, text, today, deadline,
                    ticket.parallel() ? engine : single);
            if (parsed.explain()) {
                Explanation explanation = backend.explain(request);
                return new Answer(explanation.result(), parsed.warnings(), explanation, parseNanos,
                        ticket.waitedNanos(), ticket.threads());
            }
            QueryResult result = backend.execute(request);
            Answer answer = new Answer(result, parsed.warnings(), null, parseNanos, ticket.waitedNanos(),
                    ticket.threads());
            remember(loaded, key, answer);
            return answer;
        } catch (QueryTimeoutException e) {
            if (deadline.isCancelled()) {
                cancelled.incrementAndGet();
            }
            throw new VoronkaException(ErrorKind.TIMEOUT, e.getMessage()
                    + "; narrow the date range or simplify the query", e);
        } catch (OutOfMemoryError e) {
            throw new VoronkaException(ErrorKind.TOO_LARGE, "the query needs more memory than the server has;"
                    + " narrow the date range, drop the breakdown or use a coarser bucket", e);
        } finally {
            running.decrementAndGet();
            admission.release(ticket);
        }
    }

    /** Queries evaluating now. */
    public int runningQueries() {
        return running.get();
    }

    /** Queries stopped because their client went away, since start. */
    public long cancelledQueries() {
        return cancelled.get();
    }

    /** Caches {@code answer} unless it is larger than its share; evicts least recently used answers to fit. */
    private void remember(LoadedStore loaded, CacheKey key, Answer answer) {
        long bytes = answer.estimatedBytes();
        if (bytes > cacheBytes / LARGEST_SHARE) {
            return;
        }
        synchronized (cache) {
            if (cachedFor != loaded) {
                return;
            }
            Answer old = cache.put(key, answer);
            cachedBytes += bytes - (old == null ? 0 : old.estimatedBytes());
            Iterator<Map.Entry<CacheKey, Answer>> eldest = cache.entrySet().iterator();
            while (cachedBytes > cacheBytes && eldest.hasNext()) {
                cachedBytes -= eldest.next().getValue().estimatedBytes();
                eldest.remove();
            }
        }
    }

    /** Estimated bytes of the cached results (for tests and health). */
    long cachedBytes() {
        synchronized (cache) {
            return cachedBytes;
        }
    }

    /** How many results are cached. */
    int cachedResults() {
        synchronized (cache) {
            return cache.size();
        }
    }

    @Override
    public void close() {
        engine.close();
        single.close();
    }
}
