package io.voronka.dsl;

import io.voronka.engine.demo.DemoStoreSink;
import io.voronka.engine.exec.QueryEngine;
import io.voronka.engine.query.Query;
import io.voronka.engine.result.QueryResult;
import io.voronka.engine.store.EventStore;

import javax.management.JMException;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Warms the parser and the evaluators of a new process up, in two phases, so that the first query after a start
 * finds ANTLR's tables built and the kernels compiled instead of paying for it itself. Nothing it computes is kept.
 * <ol>
 * <li>While the store is read (a snapshot reopen is mostly waiting on memory and I/O): {@link #start} parses the
 * queries below and runs them on a small generated store, round after round, on one daemon thread. {@link #finish}
 * stops it after the query it is running (a few milliseconds on the small store), so the store is not ready any
 * later than without it.</li>
 * <li>Once the store is read: {@link #onSample} runs the same kinds of queries on a sample of the store's own users
 * for a bounded time, then waits for the JIT's queue to empty. The generated store's profile is not the real data's
 * (how many events share a second, which branches a kernel takes), and code compiled for one profile is thrown away on
 * the first query over the other: measured on the 10M demo, the first query still ran 2.1–3.4× a warm one after the
 * first phase alone (BENCHMARKS.md).</li>
 * </ol>
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

    /** Stores smaller than this answer a cold first query fast anyway: no second phase. */
    static final long SAMPLE_FROM = 2_000_000;
    /** Events of the real store the second phase runs on. */
    static final long SAMPLE_EVENTS = 250_000;
    /** The second phase stops after the round that passes this (it delays "ready"). */
    static final long SAMPLE_BUDGET_NANOS = TimeUnit.MILLISECONDS.toNanos(300);
    /** After the second phase, the wait for the JIT's queue to empty stops after this long. */
    static final long SETTLE_MAX_NANOS = TimeUnit.MILLISECONDS.toNanos(300);
    /** Rounds the second phase runs even past its budget: the first is mostly cold code, compiled as it goes. */
    static final int MIN_ROUNDS = 2;
    /** Rounds after which the second phase stops by itself. */
    static final int SAMPLE_ROUNDS = 20;

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

    /**
     * The second phase: on a store of {@link #SAMPLE_FROM} events or more, runs the warm-up's queries that the
     * store's catalog knows, plus funnels and a retention of its most frequent event types (so data with other event
     * names warms up too), on a sample of its users spread over the store ({@link EventStore#sample}, about
     * {@link #SAMPLE_EVENTS} events), round after round until {@link #SAMPLE_BUDGET_NANOS} (but at least
     * {@link #MIN_ROUNDS}) or {@link #SAMPLE_ROUNDS}, then {@link #settle waits} for the JIT. Returns the rounds done
     * (0 for a small store). Nothing here fails the start: a query that does not parse is left out, one that fails
     * ends the phase.
     */
    public static int onSample(EventStore store) {
        return onSample(store, result -> { });
    }

    /**
     * {@link #onSample(EventStore)}, handing every answer of the first round to {@code answers} once the rounds are
     * done (the server renders them as it renders answers to users, so that path is warm too).
     */
    public static int onSample(EventStore store, Consumer<QueryResult> answers) {
        if (store.eventCount() < SAMPLE_FROM) {
            return 0;
        }
        return onSample(store.sample(SAMPLE_EVENTS), SAMPLE_BUDGET_NANOS, SAMPLE_ROUNDS, answers);
    }

    static int onSample(EventStore sample, long budgetNanos, int maxRounds, Consumer<QueryResult> answers) {
        long start = System.nanoTime();
        List<Query> queries = queriesFor(sample);
        int rounds = 0;
        List<QueryResult> first = new ArrayList<>();
        try (QueryEngine engine = new QueryEngine(Runtime.getRuntime().availableProcessors())) {
            while (rounds < maxRounds && (rounds < MIN_ROUNDS || System.nanoTime() - start < budgetNanos)
                    && !queries.isEmpty()) {
                for (Query query : queries) {
                    QueryResult answer = engine.execute(query, sample);
                    if (rounds == 0) {
                        first.add(answer);
                    }
                }
                rounds++;
            }
        } catch (RuntimeException e) {
            return rounds;    // a warm-up that fails only leaves the first query slower
        }
        first.forEach(answers);
        settle(SETTLE_MAX_NANOS);
        return rounds;
    }

    /**
     * Waits until the JIT's compile queues are empty and no compilation is running, at most {@code maxNanos}:
     * compilations the warm-up queued would otherwise run beside the first query, on the same cores. Reads the
     * queues through the platform's diagnostic command bean ({@code jcmd PID Compiler.queue}); where that is not
     * available it does not wait.
     */
    static void settle(long maxNanos) {
        long start = System.nanoTime();
        int empty = 0;
        while (System.nanoTime() - start < maxNanos && empty < 2) {
            int pending = pendingCompilations();
            if (pending < 0) {
                return;
            }
            empty = pending == 0 ? empty + 1 : 0;
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Compilations running or queued, from {@code Compiler.queue}; -1 when the JVM does not say. */
    public static int pendingCompilations() {
        try {
            Object text = ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "compilerQueue",
                    new Object[] {null}, new String[] {String[].class.getName()});
            int pending = 0;
            for (String line : String.valueOf(text).split("\n")) {
                String task = line.strip();
                // a running task: "C2 CompilerThread0  1257   !   4  Class::method (497 bytes)";
                // a queued one: "1252       4       Class::method (174 bytes)"
                if (task.contains("CompilerThread") || !task.isEmpty() && Character.isDigit(task.charAt(0))) {
                    pending++;
                }
            }
            return pending;
        } catch (JMException | RuntimeException e) {
            return -1;
        }
    }

    /** The warm-up's queries that parse on this store's catalog, then a funnel and a retention of its top types. */
    static List<Query> queriesFor(EventStore store) {
        Catalog catalog = Catalog.of(store);
        List<String> texts = new ArrayList<>(QUERIES);
        List<String> top = topTypes(store, 4);
        if (top.size() >= 3) {
            texts.add(String.join(" > ", top.subList(0, 3)) + " within 14d");
        }
        if (top.size() >= 4) {
            texts.add(top.get(0) + " > " + top.get(1) + "|" + top.get(2) + " > " + top.get(3) + " within 7d");
        }
        if (top.size() >= 2) {
            texts.add("retention of " + top.get(0) + " return " + top.get(1) + " per week 8");
        }
        List<Query> queries = new ArrayList<>();
        for (String text : texts) {
            try {
                queries.add(QueryParser.parse(text, catalog));
            } catch (QueryException e) {
                // a demo query on other data (its event names are not there): the generic ones stand in
            }
        }
        return queries;
    }

    /** The {@code limit} most frequent event types of the store's first segment, as quoted names. */
    private static List<String> topTypes(EventStore store, int limit) {
        long[] counts = new long[store.types().size()];
        for (short type : store.segments().isEmpty() ? new short[0] : store.segments().get(0).types()) {
            counts[type]++;
        }
        List<String> top = new ArrayList<>();
        boolean[] taken = new boolean[counts.length];
        while (top.size() < limit) {
            int best = -1;
            for (int c = 0; c < counts.length; c++) {
                if (!taken[c] && counts[c] > 0 && (best < 0 || counts[c] > counts[best])) {
                    best = c;
                }
            }
            if (best < 0) {
                break;
            }
            taken[best] = true;
            String name = store.types().name(best);
            if (!name.contains("\"")) {
                top.add('"' + name + '"');
            } else if (!name.contains("'")) {
                top.add('\'' + name + '\'');
            }
        }
        return top;
    }

    /** What stopped the warm-up early, or null (a failed warm-up only leaves the first query slower). */
    public Exception failure() {
        return failure;
    }

    private void run() {
        pendingCompilations();    // the management beans' start-up is paid here, not by the second phase
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
