package io.voronka.bench;

import io.voronka.dsl.Catalog;
import io.voronka.dsl.QueryException;
import io.voronka.dsl.QueryParser;
import io.voronka.engine.demo.DemoStoreSink;
import io.voronka.engine.eval.Planning;
import io.voronka.engine.exec.QueryEngine;
import io.voronka.engine.query.Bucket;
import io.voronka.engine.query.DateRange;
import io.voronka.engine.query.EventRef;
import io.voronka.engine.query.FunnelQuery;
import io.voronka.engine.query.Measure;
import io.voronka.engine.query.MetricQuery;
import io.voronka.engine.query.Query;
import io.voronka.engine.query.Step;
import io.voronka.engine.result.FunnelResult;
import io.voronka.engine.result.SeriesResult;
import io.voronka.engine.store.Dimension;
import io.voronka.engine.store.EventStore;
import io.voronka.engine.store.Segment;
import io.voronka.engine.store.Times;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Evaluator kernels beside naive baselines, on the demo CRM in memory, each with the index off ({@code planning=SCAN},
 * the plain kernels as they were before the indexes) and on ({@code INDEX}) in the same run. Each benchmark returns
 * its answer; {@code KernelBenchmarksTest} checks that fast and naive answers agree, and scan and index too.
 * <pre>java -jar bench/target/benchmarks.jar KernelBenchmarks -p events=10000000</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx12g")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class KernelBenchmarks {
    @Param({"10000000"})
    public long events;
    @Param({"2"})
    public int threads;
    /** SCAN: every user, plain kernels (the kernels before the indexes); INDEX: the planner and the new kernels. */
    @Param({"SCAN", "INDEX"})
    public Planning planning;

    EventStore store;
    QueryEngine engine;
    FunnelQuery funnel;
    MetricQuery dau;
    Map<Question, Query> questions;
    int[] stepOfType;

    @Setup(Level.Trial)
    public void setUp() {
        store = DemoStoreSink.build(42, events, Runtime.getRuntime().availableProcessors());
        engine = new QueryEngine(threads, planning);
        funnel = seedFunnel();
        Catalog catalog = new Catalog(store.types(), store.dimensions().stream().map(Dimension::name).toList());
        questions = new EnumMap<>(Question.class);
        for (Question q : Question.values()) {
            try {
                questions.put(q, QueryParser.parse(q.voronka(), catalog));
            } catch (QueryException e) {
                throw new IllegalStateException(q.voronka() + ": " + e.getMessage(), e);
            }
        }
        dau = new MetricQuery(Measure.USERS, List.of(), Bucket.DAY, DateRange.all(), List.of(), Optional.empty(),
                false, false);
        stepOfType = new int[store.types().size()];
        Arrays.fill(stepOfType, -1);
        stepOfType[store.types().codeOfId(3)] = 0;
        stepOfType[store.types().codeOfId(4)] = 1;
        stepOfType[store.types().codeOfId(13)] = 1;
        stepOfType[store.types().codeOfId(7)] = 2;
        stepOfType[store.types().codeOfName("pay")] = 3;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        engine.close();
    }

    static FunnelQuery seedFunnel() {
        return FunnelQuery.of(List.of(Step.of(EventRef.ofId(3)), Step.of(EventRef.ofId(4), EventRef.ofId(13)),
                Step.of(EventRef.ofId(7)), Step.of(EventRef.ofName("pay"))));
    }

    @Benchmark
    public List<Long> funnel() {
        return ((FunnelResult) engine.execute(funnel, store)).total().reached();
    }

    /** The seed funnel with entries in one week (SideBySide's second question). */
    @Benchmark
    public Map<String, Double> funnelWeek() {
        return answer(Question.FUNNEL_WEEK);
    }

    @Benchmark
    public Map<String, Double> funnelBySource() {
        return answer(Question.FUNNEL_BY_SOURCE);
    }

    @Benchmark
    public Map<String, Double> revenuePerDay() {
        return answer(Question.REVENUE);
    }

    @Benchmark
    public Map<String, Double> retention() {
        return answer(Question.RETENTION);
    }

    Map<String, Double> answer(Question q) {
        return Answers.of(engine.execute(questions.get(q), store));
    }

    @Benchmark
    public long[] funnelNaive() {
        return NaiveFunnel.reached(store, stepOfType, 4, FunnelQuery.DEFAULT_WINDOW_SECONDS);
    }

    @Benchmark
    public List<Double> distinctUsersPerDay() {
        return ((SeriesResult) engine.execute(dau, store)).series().get(0).values();
    }

    /** Baseline: java.time per event and a set of users per day. */
    @Benchmark
    public Map<LocalDate, Integer> distinctUsersPerDayNaive() {
        Map<LocalDate, Set<Integer>> users = new HashMap<>();
        for (Segment s : store.segments()) {
            for (int u = 0; u < s.userCount(); u++) {
                for (int p = s.offsets()[u]; p < s.offsets()[u + 1]; p++) {
                    LocalDate day = LocalDate.ofInstant(Instant.ofEpochSecond(Times.toEpochSecond(s.times()[p])),
                            store.zone());
                    users.computeIfAbsent(day, d -> new HashSet<>()).add(s.firstUser() + u);
                }
            }
        }
        Map<LocalDate, Integer> out = new HashMap<>();
        users.forEach((d, set) -> out.put(d, set.size()));
        return out;
    }
}
