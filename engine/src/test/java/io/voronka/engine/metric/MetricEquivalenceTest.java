package io.voronka.engine.metric;

import io.voronka.engine.eval.Deadline;
import io.voronka.engine.eval.TimeRange;
import io.voronka.engine.query.Bucket;
import io.voronka.engine.query.DateRange;
import io.voronka.engine.query.DimensionFilter;
import io.voronka.engine.query.EventRef;
import io.voronka.engine.query.Measure;
import io.voronka.engine.query.MetricQuery;
import io.voronka.engine.query.RetentionQuery;
import io.voronka.engine.result.CohortRow;
import io.voronka.engine.result.RetentionResult;
import io.voronka.engine.result.Series;
import io.voronka.engine.result.SeriesResult;
import io.voronka.engine.store.EventStore;
import io.voronka.engine.store.StoreBuilder;
import io.voronka.engine.store.UserKeyKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Metric and retention evaluation equal the plain reference on seeded random stores in several zones. */
class MetricEquivalenceTest {
    private static final ForkJoinPool POOL = new ForkJoinPool(3);
    private static final String[] SRC = {"ads", "seo", "mail"};

    @AfterAll
    static void shutdown() {
        POOL.shutdown();
    }

    static EventStore store(long seed, ZoneId zone, int maxSegmentEvents) {
        SplittableRandom r = new SplittableRandom(seed);
        StoreBuilder b = new StoreBuilder(UserKeyKind.INT64, zone).maxSegmentEvents(maxSegmentEvents);
        int events = b.source("events");
        int payments = b.source("payments");
        for (int id = 1; id <= 5; id++) {
            b.types().define(id, "type " + id, List.of("t" + id));
        }
        int pay = b.types().constant("pay");
        int src = b.dimension("src");
        long start = ZonedDateTime.of(2021, 2, 20, 0, 0, 0, 0, zone).toEpochSecond();
        for (int u = 0; u < 400; u++) {
            int user = b.users().internLong(u);
            int n = r.nextInt(12);
            long t = start + r.nextLong(60L * 86400);
            for (int i = 0; i < n; i++) {
                t += r.nextInt(4) == 0 ? 86400L * r.nextInt(20) : r.nextInt(7200);
                int row;
                if (r.nextInt(5) == 0) {
                    row = b.append(payments, user, pay, t);
                    if (r.nextInt(6) != 0) {
                        b.value(row, 100 + r.nextInt(900));
                    }
                } else {
                    row = b.append(events, user, b.types().codeOfId(1 + r.nextInt(5)), t);
                }
                if (r.nextInt(3) == 0) {
                    b.dimensionValue(row, src, b.dimensionAt(src).intern(SRC[r.nextInt(SRC.length)]));
                }
            }
        }
        return b.build(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTC", "Europe/Berlin", "America/New_York", "Europe/Moscow"})
    void metricsMatchReference(String zoneName) {
        ZoneId zone = ZoneId.of(zoneName);
        for (int s = 0; s < 3; s++) {
            long seed = zoneName.hashCode() * 31L + s;
            EventStore store = store(seed, zone, s == 1 ? 150 : Integer.MAX_VALUE);
            List<MetricReference.Ev> events = MetricReference.events(store);
            SplittableRandom r = new SplittableRandom(seed);
            for (int i = 0; i < 40; i++) {
                MetricQuery q = randomMetric(r);
                TimeRange range = TimeRange.resolve(q.range(), store, null);
                String where = "seed " + seed + " query " + i + ": " + q;
                SeriesResult fast = new MetricEvaluator(POOL).evaluate(q, store, range, Deadline.NONE);
                Map<String, Map<String, Double>> ref = MetricReference.metric(q, store, events, range.from(),
                        range.to(), q.breakdown().orElse(null));
                compare(where, q, fast, ref);
            }
        }
    }

    private static void compare(String where, MetricQuery q, SeriesResult fast, Map<String, Map<String, Double>> ref) {
        for (String label : ref.keySet()) {
            assertTrue(fast.buckets().contains(label), where + ": bucket " + label + " missing in " + fast.buckets());
        }
        for (Series series : fast.series()) {
            double running = 0;
            for (int b = 0; b < fast.buckets().size(); b++) {
                Double v = ref.getOrDefault(fast.buckets().get(b), Map.of()).get(series.name());
                double expected = v == null ? (q.measure() == Measure.AVERAGE ? Double.NaN : 0) : v;
                if (q.cumulative()) {
                    running += expected;
                    expected = running;
                }
                assertEquals(expected, series.values().get(b), 1e-6,
                        where + " series " + series.name() + " bucket " + fast.buckets().get(b));
            }
        }
        long refGroups = ref.values().stream().flatMap(m -> m.keySet().stream()).distinct().count();
        if (q.breakdown().isPresent()) {
            assertEquals(refGroups, fast.series().size(), where + ": groups");
        }
    }

    private static MetricQuery randomMetric(SplittableRandom r) {
        Measure measure = Measure.values()[r.nextInt(Measure.values().length)];
        List<EventRef> refs = new ArrayList<>();
        int n = r.nextInt(3);
        for (int i = 0; i < n; i++) {
            refs.add(r.nextInt(3) == 0 ? EventRef.ofName("pay") : EventRef.ofId(1 + r.nextInt(5)));
        }
        Bucket[] all = {Bucket.TOTAL, Bucket.HOUR, Bucket.DAY, Bucket.WEEK, Bucket.MONTH, Bucket.WEEKDAY,
                Bucket.HOUR_OF_DAY};
        Bucket bucket = all[r.nextInt(all.length)];
        DateRange range = switch (r.nextInt(3)) {
            case 0 -> DateRange.all();
            case 1 -> new DateRange.LastDays(1 + r.nextInt(20));
            default -> new DateRange.Between(LocalDate.of(2021, 3, 1 + r.nextInt(10)), LocalDate.of(2021, 3, 15));
        };
        if (bucket == Bucket.HOUR && range instanceof DateRange.All) {
            range = new DateRange.LastDays(3);
        }
        List<DimensionFilter> filters = r.nextInt(4) == 0
                ? List.of(new DimensionFilter("src", List.of(SRC[r.nextInt(3)]), r.nextBoolean())) : List.of();
        Optional<String> breakdown = r.nextInt(3) == 0 ? Optional.of("src") : Optional.empty();
        boolean timeBucket = bucket != Bucket.WEEKDAY && bucket != Bucket.HOUR_OF_DAY;
        boolean cumulative = timeBucket && measure != Measure.AVERAGE && r.nextInt(3) == 0;
        return new MetricQuery(measure, refs, bucket, range, filters, breakdown, cumulative, r.nextBoolean());
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTC", "Europe/Berlin", "America/New_York"})
    void retentionMatchesReference(String zoneName) {
        ZoneId zone = ZoneId.of(zoneName);
        for (int s = 0; s < 3; s++) {
            long seed = zoneName.hashCode() * 17L + s;
            EventStore store = store(seed, zone, s == 2 ? 120 : Integer.MAX_VALUE);
            List<MetricReference.Ev> events = MetricReference.events(store);
            SplittableRandom r = new SplittableRandom(seed);
            for (int i = 0; i < 24; i++) {
                Bucket period = new Bucket[]{Bucket.DAY, Bucket.WEEK, Bucket.MONTH}[r.nextInt(3)];
                Measure measure = r.nextBoolean() ? Measure.USERS : Measure.SUM;
                RetentionQuery q = new RetentionQuery(List.of(EventRef.ofId(1 + r.nextInt(5))),
                        r.nextBoolean() ? List.of(EventRef.ofName("pay")) : List.of(EventRef.ofId(1 + r.nextInt(5))),
                        period, 1 + r.nextInt(8), r.nextBoolean() ? DateRange.all() : new DateRange.LastDays(30),
                        measure, measure == Measure.SUM && r.nextBoolean(), Optional.empty());
                TimeRange range = TimeRange.resolve(q.range(), store, null);
                RetentionResult fast = new RetentionEvaluator(POOL).evaluate(q, store, range, Deadline.NONE);
                Map<String, double[]> ref = MetricReference.retention(q, store, events, range.from(), range.to());
                String where = "seed " + seed + " retention " + i + ": " + q;
                assertEquals(ref.keySet().stream().toList(), fast.cohorts().stream().map(CohortRow::cohort).toList(),
                        where);
                for (CohortRow row : fast.cohorts()) {
                    double[] expected = ref.get(row.cohort());
                    assertEquals((long) expected[0], row.size(), where + " size of " + row.cohort());
                    for (int age = 0; age < q.periods(); age++) {
                        assertEquals(expected[1 + age], row.values().get(age), 1e-6,
                                where + " cohort " + row.cohort() + " age " + age);
                    }
                }
            }
        }
    }
}
