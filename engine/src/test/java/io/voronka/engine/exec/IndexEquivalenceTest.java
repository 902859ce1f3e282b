package io.voronka.engine.exec;

import io.voronka.engine.eval.Access;
import io.voronka.engine.eval.Deadline;
import io.voronka.engine.eval.Planning;
import io.voronka.engine.funnel.RandomFunnels;
import io.voronka.engine.eval.ScanTrace;
import io.voronka.engine.query.Bucket;
import io.voronka.engine.query.DateRange;
import io.voronka.engine.query.DimensionFilter;
import io.voronka.engine.query.DrillDown;
import io.voronka.engine.query.EventRef;
import io.voronka.engine.query.FunnelMode;
import io.voronka.engine.query.FunnelQuery;
import io.voronka.engine.query.Measure;
import io.voronka.engine.query.MetricQuery;
import io.voronka.engine.query.Query;
import io.voronka.engine.query.RetentionQuery;
import io.voronka.engine.result.QueryResult;
import io.voronka.engine.store.EventStore;
import io.voronka.engine.store.StoreBuilder;
import io.voronka.engine.store.UserKeyKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every index path gives the answer of the plain scan (its reference twin, {@link Planning#SCAN}) on seeded random
 * stores whose users live at different times of a two-month span, with many equal timestamps and times on window
 * and range edges: funnels in every mode and with every option, metrics of every measure and bucket, retention.
 * Each test also checks that the planner did take the index paths it is meant to cover. A failure prints the seed
 * and the query.
 */
class IndexEquivalenceTest {
    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    private static final LocalDate START = LocalDate.of(2021, 3, 1);
    private static final String[] SRC = {"ads", "seo", "mail"};
    private static QueryEngine indexed;
    private static QueryEngine scanned;
    private static QueryEngine inline;

    @BeforeAll
    static void engines() {
        indexed = new QueryEngine(3, Planning.INDEX);
        scanned = new QueryEngine(2, Planning.SCAN);
        inline = QueryEngine.inCallerThread();
    }

    @AfterAll
    static void close() {
        indexed.close();
        scanned.close();
        inline.close();
    }

    /**
     * Users whose events start on a random day of a 61-day span (so the time order of users matters) and last up to
     * two days; times on whole minutes, a third of them equal to the previous one; ids 1..6 and the constant pay
     * (rare, with whole-number amounts, so sums are exact in any order).
     */
    static EventStore store(long seed, int users, int maxSegmentEvents) {
        SplittableRandom r = new SplittableRandom(seed);
        StoreBuilder b = new StoreBuilder(UserKeyKind.INT64, ZONE).maxSegmentEvents(maxSegmentEvents);
        int events = b.source("events");
        int pays = b.source("payments");
        for (int id = 1; id <= 6; id++) {
            b.types().define(id, "type " + id, List.of("t" + id));
        }
        int pay = b.types().constant("pay");
        int dim = b.dimension("src");
        long base = START.atStartOfDay(ZONE).toEpochSecond();
        for (int u = 0; u < users; u++) {
            int user = b.users().internLong(5000 + u * 3L);
            int n = r.nextInt(10);
            long clock = base + 86_400L * r.nextInt(61) + 60L * r.nextInt(1440);
            // a narrow set of types per user, so type masks differ between users
            int typeBase = 1 + r.nextInt(6);
            for (int i = 0; i < n; i++) {
                clock += r.nextInt(3) == 0 ? 0 : 60L * r.nextInt(90);
                int row;
                if (r.nextInt(20) == 0) {
                    // payments are rare (5% of events), so the index keeps their positions
                    row = b.append(pays, user, pay, clock);
                    b.value(row, 10 + r.nextInt(90));
                } else {
                    int id = 1 + (typeBase - 1 + r.nextInt(3)) % 6;
                    row = b.append(events, user, b.types().codeOfId(id), clock);
                }
                if (r.nextInt(3) == 0) {
                    b.dimensionValue(row, dim, b.dimensionAt(dim).intern(SRC[r.nextInt(SRC.length)]));
                }
            }
        }
        return b.build(2);
    }

    private static EventRef ref(SplittableRandom r) {
        int x = r.nextInt(8);
        if (x < 6) {
            return r.nextBoolean() ? EventRef.ofId(1 + x) : EventRef.ofName("t" + (1 + x));
        }
        return x == 6 ? EventRef.ofName("pay") : EventRef.ofId(99);
    }

    private static DateRange range(SplittableRandom r) {
        return switch (r.nextInt(4)) {
            case 0 -> DateRange.all();
            case 1 -> new DateRange.LastDays(1 + r.nextInt(10));
            default -> {
                LocalDate from = START.plusDays(r.nextInt(62));
                yield new DateRange.Between(from, from.plusDays(r.nextInt(4)));
            }
        };
    }

    @ParameterizedTest
    @EnumSource(FunnelMode.class)
    void funnelsThroughTheIndexEqualTheScan(FunnelMode mode) {
        Set<Access> used = EnumSet.noneOf(Access.class);
        for (int s = 0; s < 4; s++) {
            long seed = 104_729L * (s + 1) + mode.ordinal();
            EventStore store = store(seed, 6000, s % 2 == 0 ? Integer.MAX_VALUE : 9000);
            SplittableRandom r = new SplittableRandom(seed);
            for (int i = 0; i < 40; i++) {
                FunnelQuery q = RandomFunnels.query(r, mode)
                        .withRange(range(r));
                if (r.nextInt(5) == 0 && q.counting() == io.voronka.engine.query.Counting.USERS) {
                    q = q.withDrillDown(new DrillDown(1 + r.nextInt(q.steps().size()), 0, 1_000_000));
                }
                compare(seed, i, store, q, used);
            }
        }
        assertTrue(used.containsAll(EnumSet.of(Access.TIME_INDEX, Access.TYPE_MASK)),
                "the queries should have exercised the time index and the type masks, used " + used);
    }

    @Test
    void metricsAndRetentionThroughTheIndexEqualTheScan() {
        Set<Access> used = EnumSet.noneOf(Access.class);
        for (int s = 0; s < 4; s++) {
            long seed = 7_368_787L * (s + 1);
            EventStore store = store(seed, 5000, s % 2 == 0 ? Integer.MAX_VALUE : 7000);
            SplittableRandom r = new SplittableRandom(seed);
            for (int i = 0; i < 60; i++) {
                compare(seed, i, store, metric(r), used);
                compare(seed, 1000 + i, store, retention(r), used);
            }
        }
        assertTrue(used.containsAll(EnumSet.allOf(Access.class)),
                "the queries should have exercised every access, used " + used);
    }

    static MetricQuery metric(SplittableRandom r) {
        Measure measure = Measure.values()[r.nextInt(Measure.values().length)];
        List<EventRef> refs = new ArrayList<>();
        int n = r.nextInt(3);
        for (int i = 0; i < n; i++) {
            refs.add(ref(r));
        }
        Bucket[] all = {Bucket.TOTAL, Bucket.HOUR, Bucket.DAY, Bucket.WEEK, Bucket.MONTH, Bucket.WEEKDAY,
                Bucket.HOUR_OF_DAY};
        Bucket bucket = all[r.nextInt(all.length)];
        List<DimensionFilter> filters = r.nextInt(4) == 0
                ? List.of(new DimensionFilter("src", List.of(SRC[r.nextInt(3)]), r.nextBoolean())) : List.of();
        Optional<String> breakdown = r.nextInt(3) == 0 ? Optional.of("src") : Optional.empty();
        boolean timeBucket = bucket != Bucket.WEEKDAY && bucket != Bucket.HOUR_OF_DAY;
        boolean cumulative = timeBucket && measure != Measure.AVERAGE && r.nextInt(3) == 0;
        return new MetricQuery(measure, refs, bucket, range(r), filters, breakdown, cumulative, r.nextBoolean());
    }

    static RetentionQuery retention(SplittableRandom r) {
        Bucket period = new Bucket[]{Bucket.DAY, Bucket.WEEK, Bucket.MONTH}[r.nextInt(3)];
        Measure measure = r.nextBoolean() ? Measure.USERS : Measure.SUM;
        return new RetentionQuery(List.of(ref(r)), r.nextBoolean() ? List.of(EventRef.ofName("pay")) : List.of(ref(r)),
                period, 1 + r.nextInt(8), range(r), measure, measure == Measure.SUM && r.nextBoolean(),
                r.nextInt(4) == 0 ? Optional.of("src") : Optional.empty());
    }

    private static void compare(long seed, int i, EventStore store, Query q, Set<Access> used) {
        String where = "seed " + seed + " query " + i + ": " + q;
        QueryResult reference = scanned.execute(q, store);
        Explanation fast = indexed.explain(q, store, null, Deadline.NONE);
        assertEquals(reference, fast.result(), where);
        assertEquals(reference, inline.execute(q, store), where + " (in the caller's thread)");
        for (ScanTrace.SegmentScan segment : fast.segments()) {
            used.add(segment.access());
            assertTrue(segment.visited() <= segment.tested() && segment.eventsVisited() <= segment.events(), where);
        }
    }
}
