package io.voronka.engine.funnel;

import io.voronka.engine.query.Attribution;
import io.voronka.engine.query.Breakdown;
import io.voronka.engine.query.Counting;
import io.voronka.engine.query.DimensionFilter;
import io.voronka.engine.query.DrillDown;
import io.voronka.engine.query.EventFilter;
import io.voronka.engine.query.EventRef;
import io.voronka.engine.query.Exclusion;
import io.voronka.engine.query.FunnelMode;
import io.voronka.engine.query.FunnelQuery;
import io.voronka.engine.query.Step;
import io.voronka.engine.query.Trend;
import io.voronka.engine.query.TrendBy;
import io.voronka.engine.query.ValueFilter;
import io.voronka.engine.query.Bucket;
import io.voronka.engine.store.EventStore;
import io.voronka.engine.store.StoreBuilder;
import io.voronka.engine.store.Times;
import io.voronka.engine.store.UserKeyKind;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded random stores and funnel queries for equivalence tests: few types, many equal timestamps. */
public final class RandomFunnels {
    public static final long BASE = 1_600_000_000L;
    static final int TYPE_IDS = 6;

    private RandomFunnels() {
    }

    /** Users with 0..maxEvents events over a short span (ties are common); ids 1..6 and the constant pay. */
    public static EventStore store(long seed, int users, int maxEvents, int maxSegmentEvents, boolean distinctTimes) {
        SplittableRandom r = new SplittableRandom(seed);
        StoreBuilder b = new StoreBuilder(UserKeyKind.INT64, ZoneOffset.UTC).maxSegmentEvents(maxSegmentEvents);
        int events = b.source("events");
        int pays = b.source("payments");
        for (int id = 1; id <= TYPE_IDS; id++) {
            b.types().define(id, "type " + id, List.of("t" + id));
        }
        int pay = b.types().constant("pay");
        int dim = b.dimension("src");
        String[] srcs = {"ads", "seo", "mail"};
        for (int u = 0; u < users; u++) {
            int user = b.users().internLong(1000 + u * 7L);
            int n = r.nextInt(maxEvents + 1);
            int clock = 0;
            for (int i = 0; i < n; i++) {
                clock += distinctTimes ? 1 + r.nextInt(40) : (r.nextInt(3) == 0 ? 0 : r.nextInt(40));
                long t = BASE + clock * 60L;
                int row;
                if (r.nextInt(8) == 0) {
                    row = b.append(pays, user, pay, t);
                    b.value(row, 10 + r.nextInt(90));
                } else {
                    row = b.append(events, user, b.types().codeOfId(1 + r.nextInt(TYPE_IDS)), t);
                }
                if (r.nextInt(3) == 0) {
                    b.dimensionValue(row, dim, b.dimensionAt(dim).intern(srcs[r.nextInt(srcs.length)]));
                }
            }
        }
        return b.build(2);
    }

    public static EventRef ref(SplittableRandom r) {
        int x = r.nextInt(TYPE_IDS + 2);
        if (x < TYPE_IDS) {
            return r.nextBoolean() ? EventRef.ofId(1 + x) : EventRef.ofName("t" + (1 + x));
        }
        return x == TYPE_IDS ? EventRef.ofName("pay") : EventRef.ofId(99);
    }

    static List<Step> steps(SplittableRandom r, int k, boolean gaps) {
        List<Step> steps = new ArrayList<>();
        for (int q = 0; q < k; q++) {
            List<EventRef> alts = new ArrayList<>();
            int n = 1 + (r.nextInt(3) == 0 ? 1 + r.nextInt(2) : 0);
            for (int i = 0; i < n; i++) {
                alts.add(ref(r));
            }
            long gap = gaps && q > 0 && r.nextBoolean() ? 60L * (1 + r.nextInt(60)) : 0;
            steps.add(new Step(alts, gap));
        }
        return steps;
    }

    /** A random query of the given mode; options drawn from the seed. */
    public static FunnelQuery query(SplittableRandom r, FunnelMode mode) {
        int k = 1 + r.nextInt(5);
        boolean ordered = mode != FunnelMode.ANY_ORDER;
        FunnelQuery q = FunnelQuery.of(steps(r, k, ordered && r.nextInt(3) == 0))
                .withWindow(60L * (1 + r.nextInt(300)))
                .withMode(mode);
        if (ordered && k > 1 && r.nextInt(3) == 0) {
            List<Exclusion> ex = new ArrayList<>();
            int after = 1 + r.nextInt(k - 1);
            int before = after + 1 + r.nextInt(k - after);
            ex.add(new Exclusion(List.of(ref(r)), after, before));
            q = q.withExclusions(ex);
        }
        if (ordered && r.nextInt(4) == 0) {
            q = q.withCounting(Counting.CONVERSIONS);
        }
        if (r.nextInt(3) == 0) {
            q = q.withBreakdown(ordered && r.nextBoolean()
                    ? new Breakdown("src", Attribution.STEP, 1 + r.nextInt(k)) : Breakdown.firstTouch("src"));
        }
        if (ordered && r.nextInt(3) == 0) {
            q = q.withTimeToConvert(true);
        }
        if (r.nextInt(4) == 0) {
            q = q.withTrend(new Trend(Bucket.HOUR, r.nextBoolean() ? TrendBy.COMPLETION : TrendBy.ENTRY));
        }
        return q;
    }

    static int[] entryRange(SplittableRandom r) {
        if (r.nextBoolean()) {
            return new int[]{Integer.MIN_VALUE, Integer.MAX_VALUE};
        }
        int from = Times.toStored(BASE) + 60 * r.nextInt(100);
        return new int[]{from, from + 60 * (1 + r.nextInt(200))};
    }

    /** The query with random filters on some steps: dimension tests (a value no event has, too) and value comparisons. */
    static FunnelQuery withStepFilters(FunnelQuery q, SplittableRandom r) {
        String[] values = {"ads", "seo", "mail", "nowhere"};
        List<Step> steps = new ArrayList<>();
        for (Step step : q.steps()) {
            List<EventFilter> filters = new ArrayList<>();
            int n = r.nextInt(3) == 0 ? 0 : 1 + r.nextInt(2);
            for (int i = 0; i < n; i++) {
                if (r.nextBoolean()) {
                    List<String> chosen = new ArrayList<>(List.of(values[r.nextInt(values.length)]));
                    if (r.nextBoolean()) {
                        chosen.add(values[r.nextInt(values.length)]);
                    }
                    filters.add(new DimensionFilter("src", chosen, r.nextBoolean()));
                } else {
                    ValueFilter.Comparison c = ValueFilter.Comparison.values()[r.nextInt(6)];
                    filters.add(new ValueFilter(c, 10 + r.nextInt(90)));
                }
            }
            steps.add(step.withFilters(filters));
        }
        return q.withSteps(steps);
    }

    static FunnelQuery withDrill(FunnelQuery q, SplittableRandom r) {
        return q.withDrillDown(new DrillDown(1 + r.nextInt(q.steps().size()), 0, 1_000_000));
    }
}
