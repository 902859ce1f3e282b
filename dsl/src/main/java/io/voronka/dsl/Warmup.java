package io.voronka.dsl;

import io.voronka.engine.demo.DemoStoreSink;
import io.voronka.engine.exec.QueryEngine;
import io.voronka.engine.store.EventStore;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Warms the parser and the evaluators of a new process while its store is read (a snapshot reopen is mostly
 * waiting on memory and I/O): parses the queries below and runs them on a small generated store, round after
 * round, on one daemon thread. The first query after start then finds ANTLR's tables built and the kernels compiled
 * instead of paying for it itself. {@link #finish} stops it after the query it is running (a few milliseconds on the
 * small store), so the store is not ready any later than without it. Nothing it computes is kept.
 */
public final class Warmup {
    /** Small enough to build in tens of milliseconds, large enough that every kernel loop gets hot. */
    static final long EVENTS = 20_000;
    /** Rounds after which it stops by itself (when the store takes longer to read than warming up does). */
    static final int MAX_ROUNDS = 10;
    /** One of each common kind: funnels (all data, a date range, grouped), metrics, sums, retention. */
    static final List<String> QUERIES = List.of(
            "3 > 4|13 > 7 > pay within 14d",
            "3 > 4|13 > 7 > pay within 14d from 2021-03-01 to 2021-03-07",
            "3 > 4|13 > 7 > pay within 14d by utm_source",
            "users per day",
            "sum of pay per day",
            "retention of 3 return pay per month 6");

    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicInteger rounds = new AtomicInteger();
    private final Thread thread;
    private volatile Exception failure;

    private final int maxRounds;

    private Warmup(int maxRounds) {
        this.maxRounds = maxRounds;
        thread = new Thread(this::run, "voronka-warmup");
        thread.setDaemon(true);
    }

    /** Starts warming up on a daemon thread, at most {@link #MAX_ROUNDS} rounds. */
    public static Warmup start() {
        return start(MAX_ROUNDS);
    }

    /** Starts warming up on a daemon thread, at most {@code maxRounds} rounds. */
    public static Warmup start(int maxRounds) {
        Warmup w = new Warmup(maxRounds);
        w.thread.start();
        return w;
    }

    /** Stops after the query running now and waits for that; returns the rounds done. */
    public int finish() {
        stop.set(true);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return rounds.get();
    }

    /** What stopped the warm-up early, or null (a failed warm-up only leaves the first query slower). */
    public Exception failure() {
        return failure;
    }

    private void run() {
        try {
            EventStore store = DemoStoreSink.build(7, EVENTS, 1);
            Catalog catalog = Catalog.of(store);
            try (QueryEngine engine = new QueryEngine(Runtime.getRuntime().availableProcessors())) {
                while (!stop.get() && rounds.get() < maxRounds) {
                    for (String text : QUERIES) {
                        if (stop.get()) {
                            return;
                        }
                        engine.execute(QueryParser.parse(text, catalog), store);
                    }
                    rounds.incrementAndGet();
                }
            }
        } catch (RuntimeException e) {
            failure = e;
        }
    }
}
