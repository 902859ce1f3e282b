package io.voronka.engine.funnel;

import io.voronka.engine.query.Attribution;
import io.voronka.engine.query.FunnelMode;
import io.voronka.engine.query.FunnelQuery;
import io.voronka.engine.result.FunnelResult;
import io.voronka.engine.result.FunnelRow;
import io.voronka.engine.result.FunnelTrendRow;
import io.voronka.engine.result.StepTiming;
import io.voronka.engine.result.UserListResult;
import io.voronka.engine.store.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntUnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Fast funnel evaluation equals the reference definition on seeded random stores: every mode, windows,
 * per-step limits, exclusions, counting users and conversions, breakdowns, trends, timings and drill-down,
 * on one and on several segments, with one and with three threads. A failure prints the seed and the query.
 */
class FunnelEquivalenceTest {
    private static final int STORES = 6;
    private static final int QUERIES_PER_STORE = 60;
    private static ForkJoinPool one;
    private static ForkJoinPool three;

    @BeforeAll
    static void pools() {
        one = new ForkJoinPool(1);
        three = new ForkJoinPool(3);
    }

    @AfterAll
    static void shutdown() {
        one.shutdown();
        three.shutdown();
    }

    @ParameterizedTest
    @EnumSource(FunnelMode.class)
    void fastEvaluationMatchesReferenceDefinition(FunnelMode mode) {
        for (int s = 0; s < STORES; s++) {
            long seed = 7919L * (s + 1) + mode.ordinal();
            boolean distinctTimes = s % 3 == 2;
            EventStore store = RandomFunnels.store(seed, 150, 9, s % 2 == 0 ? Integer.MAX_VALUE : 97, distinctTimes);
            SplittableRandom r = new SplittableRandom(seed * 31);
            for (int i = 0; i < QUERIES_PER_STORE; i++) {
                FunnelQuery q = RandomFunnels.query(r, mode);
                boolean stepAttribution = q.breakdown().isPresent()
                        && q.breakdown().get().attribution() == Attribution.STEP;
                if (stepAttribution && !distinctTimes) {
                    // which of several same-second events attributes a step is unspecified
                    q = q.withBreakdown(null);
                }
                int[] range = RandomFunnels.entryRange(r);
                compare(seed, i, store, q, range, i % 2 == 0 ? one : three);
                if (q.counting() == io.voronka.engine.query.Counting.USERS && r.nextInt(4) == 0) {
                    compareDrill(seed, i, store, RandomFunnels.withDrill(q, r), range);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(FunnelMode.class)
    void filteredStepsMatchReferenceDefinition(FunnelMode mode) {
        int filtered = 0;
        for (int s = 0; s < 4; s++) {
            long seed = 1_000_003L * (s + 1) + mode.ordinal();
            boolean distinctTimes = s % 2 == 1;
            EventStore store = RandomFunnels.store(seed, 150, 9, s % 2 == 0 ? Integer.MAX_VALUE : 97, distinctTimes);
            SplittableRandom r = new SplittableRandom(seed * 29);
            for (int i = 0; i < 40; i++) {
                FunnelQuery q = RandomFunnels.withStepFilters(RandomFunnels.query(r, mode), r);
                if (q.breakdown().isPresent() && q.breakdown().get().attribution() == Attribution.STEP
                        && !distinctTimes) {
                    q = q.withBreakdown(null);
                }
                compare(seed, i, store, q, RandomFunnels.entryRange(r), i % 2 == 0 ? one : three);
                filtered += q.steps().stream().anyMatch(io.voronka.engine.query.Step::hasFilters) ? 1 : 0;
            }
        }
        assertTrue(filtered > 100, "most random funnels should filter a step, only " + filtered + " did");
    }

    private static final IntUnaryOperator HOURS =
            t -> (int) Math.floorDiv(io.voronka.engine.store.Times.toEpochSecond(t) - RandomFunnels.BASE, 3600L);

    private static List<String> labels() {
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < 48; i++) {
            labels.add("h" + i);
        }
        return labels;
    }

    private static void compare(long seed, int i, EventStore store, FunnelQuery q, int[] range, ForkJoinPool pool) {
        String where = "store seed " + seed + ", query " + i + ": " + q + ", range " + Arrays.toString(range);
        FunnelResult fast = (FunnelResult) new FunnelEvaluator(pool)
                .evaluate(q, store, range[0], range[1], q.trend().isPresent() ? HOURS : null,
                        q.trend().isPresent() ? labels() : null);
        ReferenceFunnel.Answer ref = new ReferenceFunnel(q, store.types(), range[0], range[1]).evaluate(store, HOURS);
        int k = q.steps().size();
        long[] all = new long[k + 1];
        for (long[] g : ref.byGroup.values()) {
            for (int d = 0; d <= k; d++) {
                all[d] += g[d];
            }
        }
        assertEquals(cumulative(all), fast.total().reached(), where);
        if (q.breakdown().isPresent()) {
            for (FunnelRow row : fast.rows().subList(1, fast.rows().size())) {
                long[] g = ref.byGroup.get(row.group());
                if (g == null) {
                    fail(where + ": engine has group " + row.group() + " the reference lacks");
                }
                assertEquals(cumulative(g), row.reached(), where + " group " + row.group());
            }
            long refGroups = ref.byGroup.values().stream().filter(g -> cumulative(g).get(0) > 0).count();
            assertEquals(refGroups, fast.rows().size() - 1, where + ": number of groups");
        }
        if (q.timeToConvert() && q.mode() != FunnelMode.ANY_ORDER) {
            List<StepTiming> timings = fast.timings();
            for (int t = 1; t < k; t++) {
                checkTiming(where + " timing " + t, ref.timings.get(t), timings.get(t - 1));
            }
            if (k > 1) {
                checkTiming(where + " total timing", ref.timings.get(0), timings.get(k - 1));
            }
        }
        if (q.trend().isPresent()) {
            for (Map.Entry<Integer, long[]> e : ref.trend.entrySet()) {
                FunnelTrendRow row = fast.trend().get(e.getKey());
                assertEquals(cumulative(e.getValue()), row.reached(), where + " trend bucket " + e.getKey());
            }
            long nonEmpty = fast.trend().stream().filter(row -> row.reached().get(0) > 0).count();
            assertEquals(ref.trend.size(), nonEmpty, where + ": trend buckets");
        }
    }

    private static void compareDrill(long seed, int i, EventStore store, FunnelQuery q, int[] range) {
        String where = "store seed " + seed + ", drill query " + i + ": " + q;
        UserListResult fast = (UserListResult) new FunnelEvaluator(three).evaluate(q, store, range[0], range[1],
                q.trend().isPresent() ? HOURS : null, q.trend().isPresent() ? labels() : null);
        ReferenceFunnel.Answer ref = new ReferenceFunnel(q, store.types(), range[0], range[1]).evaluate(store, HOURS);
        List<String> expected = new ArrayList<>();
        ref.usersAtDepth.stream().sorted().forEach(u -> expected.add(store.users().key(u)));
        assertEquals(expected.size(), fast.total(), where);
        assertEquals(expected, fast.users(), where);
    }

    private static void checkTiming(String where, List<Integer> seconds, StepTiming timing) {
        assertEquals(seconds.size(), timing.count(), where + ": count");
        if (seconds.isEmpty()) {
            return;
        }
        int[] sorted = seconds.stream().mapToInt(Integer::intValue).sorted().toArray();
        assertEquals(FunnelEvaluator.nearestRank(sorted, 0.5), timing.p50Seconds(), where + ": p50");
        assertEquals(FunnelEvaluator.nearestRank(sorted, 0.9), timing.p90Seconds(), where + ": p90");
        assertEquals(Arrays.stream(sorted).average().orElse(0), timing.meanSeconds(), 1e-9, where + ": mean");
    }

    private static List<Long> cumulative(long[] byDepth) {
        int k = byDepth.length - 1;
        List<Long> out = new ArrayList<>();
        for (int j = 1; j <= k; j++) {
            long n = 0;
            for (int d = j; d <= k; d++) {
                n += byDepth[d];
            }
            out.add(n);
        }
        return out;
    }
}
