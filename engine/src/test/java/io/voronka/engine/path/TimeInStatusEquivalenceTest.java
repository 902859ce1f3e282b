package io.voronka.engine.path;

import io.voronka.engine.eval.Deadline;
import io.voronka.engine.eval.Percentiles;
import io.voronka.engine.eval.TimeRange;
import io.voronka.engine.query.Binning;
import io.voronka.engine.query.TimeInStatusQuery;
import io.voronka.engine.result.Distribution;
import io.voronka.engine.result.DistributionResult;
import io.voronka.engine.store.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Time in status equals {@link ReferencePaths#timeInStatus} on seeded random stores: counts, open events, mean,
 * percentiles and histogram per outcome group, for random status/next/outcome events, windows, bins and ranges.
 */
class TimeInStatusEquivalenceTest {
    private static ForkJoinPool pool;

    @BeforeAll
    static void start() {
        pool = new ForkJoinPool(3);
    }

    @AfterAll
    static void stop() {
        pool.shutdown();
    }

    @Test
    void distributionMatchesReferenceDefinition() {
        int withOutcome = 0;
        for (int s = 0; s < 5; s++) {
            long seed = 6007L * (s + 1);
            EventStore store = RandomPaths.store(seed, 250, 12);
            SplittableRandom r = new SplittableRandom(seed * 13);
            for (int i = 0; i < 40; i++) {
                TimeInStatusQuery q = RandomPaths.timeInStatus(r);
                int[] range = RandomPaths.range(r);
                String where = "store seed " + seed + ", query " + i + ": " + q + ", range " + Arrays.toString(range);
                DistributionResult fast = (DistributionResult) new TimeInStatusEvaluator(pool)
                        .evaluate(q, store, new TimeRange(range[0], range[1]), Deadline.NONE);
                ReferencePaths.Times ref = ReferencePaths.timeInStatus(store, q, range[0], range[1]);
                assertEquals(q.hasOutcome() ? 3 : 1, fast.groups().size(), where);
                for (Distribution g : fast.groups()) {
                    int index = g.group().ordinal();
                    check(where + " group " + g.group(), ref.durations().get(index), ref.open()[index], g,
                            fast.binStarts());
                }
                if (q.hasOutcome() && fast.groups().get(1).count() > 0 && fast.groups().get(2).count() > 0) {
                    withOutcome++;
                }
                checkBins(where, q.binning(), fast.binStarts());
            }
        }
        assertTrue(withOutcome > 20, "random outcomes should split often, only " + withOutcome + " did");
    }

    @Test
    void automaticBinsAreRoundAndCoverP90() {
        int[] hours = new int[1000];
        for (int i = 0; i < hours.length; i++) {
            hours[i] = i * 11;
        }
        List<Long> starts = TimeInStatusEvaluator.binStarts(new Binning.Auto(), hours);
        long width = starts.get(1);
        assertEquals(600, width, "a p90 of about 3 hours in 20 bins: 10-minute bins");
        assertTrue(starts.get(starts.size() - 1) >= 9_889 - width, "bins reach the p90");
        assertEquals(10_989, hours[hours.length - 1], "the longest duration");
        assertTrue(starts.get(starts.size() - 1) < 10_989, "the last bin takes the tail past the p90");
    }

    private static void check(String where, List<Integer> durations, long open, Distribution g, List<Long> starts) {
        assertEquals(durations.size(), g.count(), where + ": count");
        assertEquals(open, g.open(), where + ": open");
        if (durations.isEmpty()) {
            return;
        }
        int[] sorted = durations.stream().mapToInt(Integer::intValue).sorted().toArray();
        assertEquals(Arrays.stream(sorted).average().orElse(0), g.meanSeconds(), 1e-9, where + ": mean");
        assertEquals(Percentiles.nearestRank(sorted, 0.25), g.p25Seconds(), where + ": p25");
        assertEquals(Percentiles.nearestRank(sorted, 0.5), g.p50Seconds(), where + ": p50");
        assertEquals(Percentiles.nearestRank(sorted, 0.75), g.p75Seconds(), where + ": p75");
        assertEquals(Percentiles.nearestRank(sorted, 0.9), g.p90Seconds(), where + ": p90");
        assertEquals(Percentiles.nearestRank(sorted, 0.99), g.p99Seconds(), where + ": p99");
        List<Long> histogram = new ArrayList<>();
        for (int b = 0; b < starts.size(); b++) {
            long lo = starts.get(b);
            long hi = b + 1 < starts.size() ? starts.get(b + 1) : Long.MAX_VALUE;
            histogram.add(Arrays.stream(sorted).filter(d -> d >= lo && d < hi).count());
        }
        assertEquals(histogram, g.histogram(), where + ": histogram");
    }

    private static void checkBins(String where, Binning binning, List<Long> starts) {
        assertEquals(0L, starts.get(0), where + ": the first bin starts at 0");
        if (binning instanceof Binning.Width w) {
            for (int b = 0; b < starts.size(); b++) {
                assertEquals(b * w.widthSeconds(), starts.get(b), where + ": fixed width bins");
            }
        }
        if (binning instanceof Binning.Edges e) {
            assertEquals(e.edgesSeconds(), starts.subList(1, starts.size()), where + ": bins at the given edges");
        }
    }
}
