package io.voronka.engine.exec;

import io.voronka.engine.funnel.RandomFunnels;
import io.voronka.engine.query.Bucket;
import io.voronka.engine.query.DateRange;
import io.voronka.engine.query.DimensionFilter;
import io.voronka.engine.query.EventRef;
import io.voronka.engine.query.FunnelMode;
import io.voronka.engine.query.Measure;
import io.voronka.engine.query.MetricQuery;
import io.voronka.engine.query.PathsQuery;
import io.voronka.engine.query.ActivityQuery;
import io.voronka.engine.query.GroupBy;
import io.voronka.engine.query.GroupPart;
import io.voronka.engine.query.Query;
import io.voronka.engine.query.RateQuery;
import io.voronka.engine.query.SessionMeasure;
import io.voronka.engine.query.SessionQuery;
import io.voronka.engine.query.ValueQuery;
import io.voronka.engine.query.ValueStatistic;
import io.voronka.engine.query.RetentionQuery;
import io.voronka.engine.query.TimeInStatusQuery;
import io.voronka.engine.query.UserCondition;
import io.voronka.engine.query.UserFilter;
import io.voronka.engine.result.CohortRow;
import io.voronka.engine.result.DistributionResult;
import io.voronka.engine.result.FunnelResult;
import io.voronka.engine.result.PathsResult;
import io.voronka.engine.result.QueryResult;
import io.voronka.engine.result.RateResult;
import io.voronka.engine.result.RetentionResult;
import io.voronka.engine.result.SeriesResult;
import io.voronka.engine.result.UserListResult;
import io.voronka.engine.result.ValueResult;
import io.voronka.engine.store.EventStore;
import io.voronka.engine.store.Segment;
import io.voronka.engine.store.Times;
import io.voronka.engine.testing.StoreCopy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A user filter means "as if the store held only those users": every query kind with a random filter, on the whole
 * store, equals the same query without it on a copy of the store holding only the users a plainly written
 * predicate keeps. A failure prints the seed, the filter and the query.
 */
class UserFilterEquivalenceTest {
    private static QueryEngine engine;

    @BeforeAll
    static void start() {
        engine = new QueryEngine(3);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void everyQueryKindSeesOnlyTheFilteredUsers() {
        int narrowed = 0;
        for (int s = 0; s < 4; s++) {
            long seed = 90_001L * (s + 1);
            EventStore store = RandomFunnels.store(seed, 300, 10, s % 2 == 0 ? Integer.MAX_VALUE : 211, false);
            SplittableRandom r = new SplittableRandom(seed);
            for (int i = 0; i < 25; i++) {
                UserFilter filter = filter(r);
                EventStore kept = StoreCopy.keepUsers(store, (segment, u) -> keeps(store, filter, segment, u));
                if (kept.eventCount() < store.eventCount()) {
                    narrowed++;
                }
                for (Query q : queries(r)) {
                    String where = "store seed " + seed + ", filter " + i + ": " + filter + ", query " + q;
                    QueryResult filtered = engine.execute(withFilter(q, filter), store);
                    QueryResult copied = engine.execute(q, kept);
                    assertEquals(comparable(copied), comparable(filtered), where);
                }
            }
        }
        assertTrue(narrowed > 60, "random filters should usually leave users out, only " + narrowed + " did");
    }

    private static UserFilter filter(SplittableRandom r) {
        List<UserCondition> conditions = new ArrayList<>();
        int n = 1 + r.nextInt(2);
        String[] srcs = {"ads", "seo", "mail"};
        for (int c = 0; c < n; c++) {
            if (r.nextInt(3) == 0) {
                conditions.add(new UserCondition.FirstTouch(new DimensionFilter("src",
                        List.of(srcs[r.nextInt(srcs.length)]), r.nextBoolean())));
            } else {
                LocalDate day = LocalDate.ofEpochDay(RandomFunnels.BASE / 86_400);
                DateRange range = r.nextBoolean() ? DateRange.all() : new DateRange.Between(day, day);
                conditions.add(new UserCondition.Did(List.of(RandomFunnels.ref(r)), range, r.nextBoolean()));
            }
        }
        return new UserFilter(conditions);
    }

    /** The filter's definition, on the user's events in store order. */
    private static boolean keeps(EventStore store, UserFilter filter, Segment s, int u) {
        for (UserCondition c : filter.conditions()) {
            boolean pass;
            if (c instanceof UserCondition.Did did) {
                boolean found = false;
                for (int p = s.offsets()[u]; p < s.offsets()[u + 1]; p++) {
                    long epoch = Times.toEpochSecond(s.times()[p]);
                    LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(epoch, 86_400));
                    boolean inRange = !(did.range() instanceof DateRange.Between b)
                            || (!day.isBefore(b.from()) && !day.isAfter(b.toInclusive()));
                    for (EventRef ref : did.events()) {
                        boolean same = ref.hasId() ? store.types().externalId(s.types()[p]) == ref.id()
                                : store.types().codeOfName(ref.name()) == s.types()[p];
                        found |= same && inRange;
                    }
                }
                pass = found != did.negated();
            } else {
                DimensionFilter f = ((UserCondition.FirstTouch) c).filter();
                int d = store.dimensionIndex(f.dimension()).orElseThrow();
                String first = null;
                for (int p = s.offsets()[u]; p < s.offsets()[u + 1] && first == null; p++) {
                    int code = s.dimension(d).get(p);
                    first = code < 0 ? null : store.dimensions().get(d).value(code);
                }
                pass = (first != null && f.values().contains(first)) != f.negated();
            }
            if (!pass) {
                return false;
            }
        }
        return true;
    }

    private static List<Query> queries(SplittableRandom r) {
        List<EventRef> some = List.of(RandomFunnels.ref(r), RandomFunnels.ref(r));
        return List.of(
                RandomFunnels.query(r, FunnelMode.values()[r.nextInt(FunnelMode.values().length)]),
                new MetricQuery(Measure.values()[r.nextInt(Measure.values().length)], some, Bucket.HOUR,
                        DateRange.all(), List.of(), Optional.of("src"), false, false),
                new RetentionQuery(some.subList(0, 1), some.subList(1, 2), Bucket.DAY, 3, DateRange.all(),
                        Measure.USERS, false, Optional.empty()),
                new PathsQuery(List.of(), List.of(), 5, 3, r.nextBoolean(), DateRange.all(), UserFilter.NONE),
                TimeInStatusQuery.of(some.subList(0, 1)),
                new RateQuery(some.subList(0, 1), List.of(), some.subList(1, 2), List.of(),
                        new GroupBy(List.of(new GroupPart.Dimension("src")), 0, 0), Bucket.TOTAL, DateRange.all(), 0),
                new ValueQuery(ValueStatistic.MEDIAN, 0, some, List.of(),
                        new GroupBy(List.of(new GroupPart.Dimension("src")), 0, 0), Bucket.TOTAL, DateRange.all()),
                new SessionQuery(SessionMeasure.SESSIONS_PER_USER, some, List.of(), 600, Optional.of("src"),
                        Bucket.DAY, DateRange.all()));
    }

    private static Query withFilter(Query q, UserFilter f) {
        return q.accept(new Query.Visitor<>() {
            @Override
            public Query funnel(io.voronka.engine.query.FunnelQuery query) {
                return query.withUserFilter(f);
            }

            @Override
            public Query metric(MetricQuery query) {
                return query.withUserFilter(f);
            }

            @Override
            public Query retention(RetentionQuery query) {
                return query.withUserFilter(f);
            }

            @Override
            public Query acquisition(io.voronka.engine.query.AcquisitionQuery query) {
                return query.withUserFilter(f);
            }

            @Override
            public Query paths(PathsQuery query) {
                return new PathsQuery(query.from(), query.to(), query.depth(), query.top(), query.collapseRepeats(),
                        query.range(), f);
            }

            @Override
            public Query rate(RateQuery query) {
                return query.withUserFilter(f);
            }

            @Override
            public Query value(ValueQuery query) {
                return query.withUserFilter(f);
            }

            @Override
            public Query session(SessionQuery query) {
                return query.withUserFilter(f);
            }

            @Override
            public Query activity(ActivityQuery query) {
                return query.withUserFilter(f);
            }

            @Override
            public Query timeInStatus(TimeInStatusQuery query) {
                return new TimeInStatusQuery(query.from(), query.next(), query.outcome(),
                        query.outcomeWindowSeconds(), query.binning(), query.range(), f);
            }
        });
    }

    /** What must agree: the numbers, not the query each result carries or buckets outside the data. */
    private static Object comparable(QueryResult result) {
        return result.accept(new QueryResult.Visitor<>() {
            @Override
            public Object funnel(FunnelResult f) {
                return List.of(f.steps(), f.rows(), f.timings(),
                        f.trend().stream().filter(row -> row.reached().get(0) > 0).toList());
            }

            @Override
            public Object series(SeriesResult s) {
                Map<String, Double> nonZero = new TreeMap<>();
                for (var line : s.series()) {
                    for (int b = 0; b < s.buckets().size(); b++) {
                        if (line.values().get(b) != 0 && !line.values().get(b).isNaN()) {
                            nonZero.put(line.name() + "@" + s.buckets().get(b), line.values().get(b));
                        }
                    }
                }
                return nonZero;
            }

            @Override
            public Object retention(RetentionResult r) {
                Map<String, CohortRow> cohorts = new TreeMap<>();
                for (CohortRow row : r.cohorts()) {
                    if (row.size() > 0) {
                        cohorts.put(row.cohort(), row);
                    }
                }
                return cohorts;
            }

            @Override
            public Object users(UserListResult u) {
                return u;
            }

            @Override
            public Object paths(PathsResult p) {
                return List.of(p.users(), p.nodes(), p.links(), p.flows());
            }

            @Override
            public Object distribution(DistributionResult d) {
                return List.of(d.binStarts(), d.groups());
            }

            @Override
            public Object rate(RateResult r) {
                return List.of(r.rows(), r.families(), r.unattributed());
            }

            @Override
            public Object value(ValueResult v) {
                return List.of(v.rows(), v.tests());
            }
        });
    }
}
