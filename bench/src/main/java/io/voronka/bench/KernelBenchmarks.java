package io.voronka.bench;

import io.voronka.engine.demo.DemoStoreSink;
import io.voronka.engine.exec.QueryEngine;
import io.voronka.engine.query.Bucket;
import io.voronka.engine.query.DateRange;
import io.voronka.engine.query.EventRef;
import io.voronka.engine.query.FunnelQuery;
import io.voronka.engine.query.Measure;
import io.voronka.engine.query.MetricQuery;
import io.voronka.engine.query.Step;
import io.voronka.engine.result.FunnelResult;
import io.voronka.engine.result.SeriesResult;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Evaluator kernels beside naive baselines, on the demo CRM in memory. Each benchmark returns its answer;
 * {@code KernelBenchmarksTest} checks that fast and naive answers agree.
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

    EventStore store;
    QueryEngine engine;
    FunnelQuery funnel;
    MetricQuery dau;
    int[] stepOfType;

    @Setup(Level.Trial)
    public void setUp() {
        store = DemoStoreSink.build(42, events, Runtime.getRuntime().availableProcessors());
        engine = new QueryEngine(threads);
        funnel = seedFunnel();
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
