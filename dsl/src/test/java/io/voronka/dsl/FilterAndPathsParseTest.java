package io.voronka.dsl;

import io.voronka.engine.query.Binning;
import io.voronka.engine.query.DateRange;
import io.voronka.engine.query.DimensionFilter;
import io.voronka.engine.query.EventRef;
import io.voronka.engine.query.FunnelQuery;
import io.voronka.engine.query.MetricQuery;
import io.voronka.engine.query.PathsQuery;
import io.voronka.engine.query.RetentionQuery;
import io.voronka.engine.query.TimeInStatusQuery;
import io.voronka.engine.query.UserCondition;
import io.voronka.engine.query.UserFilter;
import io.voronka.engine.query.ValueFilter;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Step filters, user filters, paths and time in status: what they parse into, and their positioned errors. */
class FilterAndPathsParseTest {
    /** The seed catalog, knowing the values of two dimensions (so values are checked there). */
    private static final Catalog CATALOG = new Catalog(SeedCatalog.catalog().types(), SeedCatalog.DIMENSIONS,
            Map.of("utm_source", List.of("vk", "google", "yandex", "instagram"), "currency", List.of("RUB", "USD")));

    private static ParsedQuery parse(String text) throws QueryException {
        return QueryParser.parseWithWarnings(text, CATALOG);
    }

    private static QueryException error(String text, int column, String... parts) {
        return QueryErrorTest.assertQueryError(CATALOG, text, 1, column, parts);
    }

    @Test
    void whereAfterAStepFiltersThatStepsEvents() throws Exception {
        FunnelQuery q = (FunnelQuery) parse("3 where utm_source = 'vk' > 4|13 > pay where currency = 'RUB' and "
                + "value >= 10000.5").query();
        assertEquals(List.of(new DimensionFilter("utm_source", List.of("vk"), false)), q.steps().get(0).filters());
        assertEquals(List.of(), q.steps().get(1).filters());
        assertEquals(List.of(new DimensionFilter("currency", List.of("RUB"), false),
                new ValueFilter(ValueFilter.Comparison.GE, 10000.5)), q.steps().get(2).filters());
        assertTrue(q.userFilter().isNone());
    }

    @Test
    void aStepsTimeLimitAndFilterComeInEitherOrder() throws Exception {
        for (String text : List.of("3 > 4 within 3h where utm_source = 'vk' > 7",
                "3 > 4 where utm_source = 'vk' within 3h > 7")) {
            FunnelQuery q = (FunnelQuery) parse(text).query();
            assertEquals(3 * 3600L, q.steps().get(1).maxSecondsFromPrevious(), text);
            assertEquals(List.of(new DimensionFilter("utm_source", List.of("vk"), false)), q.steps().get(1).filters(),
                    text);
            assertEquals(FunnelQuery.DEFAULT_WINDOW_SECONDS, q.windowSeconds(), text);
        }
    }

    @Test
    void everyComparisonAndNegationParses() throws Exception {
        FunnelQuery q = (FunnelQuery) parse("3 where utm_source != 'vk' > 7 where utm_source not in ('vk', google) "
                + "> pay where value < 5 and value <= 6 and value > 7 and value = 8 and value <> 9").query();
        assertEquals(List.of(new DimensionFilter("utm_source", List.of("vk"), true)), q.steps().get(0).filters());
        assertEquals(List.of(new DimensionFilter("utm_source", List.of("vk", "google"), true)),
                q.steps().get(1).filters());
        assertEquals(List.of(ValueFilter.Comparison.LT, ValueFilter.Comparison.LE, ValueFilter.Comparison.GT,
                        ValueFilter.Comparison.EQ, ValueFilter.Comparison.NE),
                q.steps().get(2).filters().stream().map(f -> ((ValueFilter) f).comparison()).toList());
    }

    @Test
    void userConditionsGoToTheUserFilterWhereverWritten() throws Exception {
        FunnelQuery q = (FunnelQuery) parse("3 > pay where value > 100 and did 13 within 7d "
                + "where first utm_source = 'vk' and not did 10 in last 30d").query();
        assertEquals(List.of(new ValueFilter(ValueFilter.Comparison.GT, 100)), q.steps().get(1).filters());
        assertEquals(new UserFilter(List.of(
                new UserCondition.Did(List.of(EventRef.ofId(13)), DateRange.all(), false),
                new UserCondition.FirstTouch(new DimensionFilter("utm_source", List.of("vk"), false)),
                new UserCondition.Did(List.of(EventRef.ofId(10)), new DateRange.LastDays(30), true))),
                q.userFilter());
        assertEquals(7L * 86_400, q.windowSeconds());
    }

    @Test
    void everyKindTakesUserFilters() throws Exception {
        UserFilter did13 = new UserFilter(List.of(new UserCondition.Did(List.of(EventRef.ofId(13)), DateRange.all(),
                false)));
        MetricQuery m = (MetricQuery) parse("users of 3 per month where utm_source = 'vk' and did 13").query();
        assertEquals(List.of(new DimensionFilter("utm_source", List.of("vk"), false)), m.filters());
        assertEquals(did13, m.userFilter());
        assertEquals(did13, parse("retention of 3 return pay per month 6 where did 13").query().userFilter());
        assertEquals(did13, parse("cac of pay by utm_source where did 13").query().userFilter());
        assertEquals(did13, parse("paths depth 7 where did 13").query().userFilter());
        assertEquals(did13, parse("time from 1 to next where did 13").query().userFilter());
        assertTrue(parse("retention of 3 per week").query() instanceof RetentionQuery);
    }

    @Test
    void pathsClausesParse() throws Exception {
        PathsQuery q = (PathsQuery) parse("paths from 5|7 to pay depth 6 top 4 collapse repeats last 30d").query();
        assertEquals(new PathsQuery(List.of(EventRef.ofId(5), EventRef.ofId(7)), List.of(EventRef.ofName("pay")), 6, 4,
                true, new DateRange.LastDays(30), UserFilter.NONE), q);
        assertEquals(PathsQuery.of(), parse("paths").query());
    }

    @Test
    void timeInStatusClausesParse() throws Exception {
        TimeInStatusQuery q = (TimeInStatusQuery) parse("time from 8 to next 9|pay by outcome pay within 30d "
                + "histogram 1h, 3h, 1d on 2021-03-01").query();
        assertEquals(List.of(EventRef.ofId(8)), q.from());
        assertEquals(List.of(EventRef.ofId(9), EventRef.ofName("pay")), q.next());
        assertEquals(List.of(EventRef.ofName("pay")), q.outcome());
        assertEquals(30L * 86_400, q.outcomeWindowSeconds());
        assertEquals(new Binning.Edges(List.of(3600L, 10_800L, 86_400L)), q.binning());
        assertEquals(new Binning.Width(3600), ((TimeInStatusQuery) parse("time from 1 to next per hour").query())
                .binning());
        assertEquals(new Binning.Count(12), ((TimeInStatusQuery) parse("time from 1 to next histogram 12").query())
                .binning());
        assertEquals(new Binning.Width(1800), ((TimeInStatusQuery) parse("time from 1 to next histogram 30m")
                .query()).binning());
        TimeInStatusQuery plain = (TimeInStatusQuery) parse("time from 1 to next").query();
        assertEquals(TimeInStatusQuery.of(List.of(EventRef.ofId(1))), plain);
    }

    @Test
    void aValueCloseToAKnownOneIsATypoWithASuggestion() {
        QueryException e = error("3 where utm_source = 'vkk' > pay", 22, "no event has utm_source = 'vkk'",
                "did you mean 'vk'?");
        assertEquals("did you mean 'vk'?", e.hint());
        error("users of 3 where first utm_source in ('vk', 'gogle')", 45, "did you mean 'google'?");
    }

    @Test
    void aValueNoEventHasIsAnsweredWithAWarning() throws Exception {
        ParsedQuery parsed = parse("3 where utm_source = 'tiktok' > pay");
        assertEquals(1, parsed.warnings().size(), parsed.warnings().toString());
        assertTrue(parsed.warnings().get(0).contains("no event has utm_source = 'tiktok' (at 1:22)"),
                parsed.warnings().get(0));
        assertEquals(List.of(), parse("3 where utm_source = 'vk' > pay").warnings());
        assertEquals(List.of(), parse("3 where device = 'anything' > pay").warnings(), "values unknown: no check");
    }

    @Test
    void unknownDimensionInAFilterSuggestsTheClosest() {
        error("3 where utm_sorce = 'vk' > pay", 9, "unknown dimension 'utm_sorce'", "did you mean 'utm_source'?");
        error("paths where first utm_sorce = 'vk'", 19, "unknown dimension 'utm_sorce'", "did you mean 'utm_source'?");
    }

    @Test
    void eventFiltersWhereOnlyUsersCanBeFilteredAreRefused() {
        error("paths depth 7 where utm_source = 'vk'", 21, "a filter on events, and paths filters users",
                "where first utm_source = 'vk'");
        error("time from 1 to next where value > 5", 27, "a filter on events");
        error("3 > pay within 7d where utm_source = 'vk'", 25, "a filter on events after the funnel's clauses",
                "right after the step");
        error("sum of pay per month where value > 100", 28, "a metric filters its events by dimensions");
    }

    @Test
    void pathsAndTimeOptionsAreCheckedWhereWritten() {
        error("paths depth 1", 13, "the depth must be from 2 to 50");
        error("paths top 0", 11, "top must be from 1 to 100");
        error("paths depth 7 depth 8", 15, "the depth is given twice");
        error("time from 1 to next within 3d", 21, "'within' is the outcome's window");
        error("time from 1 to next histogram 3h, 1h", 35, "bin edges must grow");
        error("time from 1 to next per month", 25, "bins of time are an hour, a day or a week");
        error("time from 1 to next histogram 500", 31, "at most 200 bins");
    }
}
