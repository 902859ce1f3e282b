package io.voronka.dsl;

import io.voronka.engine.query.Attribution;
import io.voronka.engine.query.Breakdown;
import io.voronka.engine.query.Bucket;
import io.voronka.engine.query.Counting;
import io.voronka.engine.query.DateRange;
import io.voronka.engine.query.DimensionFilter;
import io.voronka.engine.query.DrillDown;
import io.voronka.engine.query.EventRef;
import io.voronka.engine.query.Exclusion;
import io.voronka.engine.query.FunnelMode;
import io.voronka.engine.query.FunnelQuery;
import io.voronka.engine.query.Measure;
import io.voronka.engine.query.MetricQuery;
import io.voronka.engine.query.RetentionQuery;
import io.voronka.engine.query.Step;
import io.voronka.engine.query.Trend;
import io.voronka.engine.query.TrendBy;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the main documented queries mean: the fields of the records they parse into. */
class QueryParserTest {
    private static final Catalog CATALOG = SeedCatalog.catalog();
    private static final long HOUR = 3600;
    private static final long DAY = 24 * HOUR;

    private static FunnelQuery funnel(String text) throws QueryException {
        return assertInstanceOf(FunnelQuery.class, QueryParser.parse(text, CATALOG));
    }

    private static MetricQuery metric(String text) throws QueryException {
        return assertInstanceOf(MetricQuery.class, QueryParser.parse(text, CATALOG));
    }

    private static RetentionQuery retention(String text) throws QueryException {
        return assertInstanceOf(RetentionQuery.class, QueryParser.parse(text, CATALOG));
    }

    private static EventRef id(long id) {
        return EventRef.ofId(id);
    }

    @Test
    void canonicalBotFunnelHasFourStepsWithAlternativesAndDefaults() throws QueryException {
        FunnelQuery query = funnel("3>4|13>7>pay");
        assertEquals(List.of(Step.of(id(3)), Step.of(id(4), id(13)), Step.of(id(7)), Step.of(EventRef.ofName("pay"))),
                query.steps());
        assertEquals(FunnelQuery.of(query.steps()), query);
    }

    @Test
    void quotedNamesAndAliasesStayNamesAndKeywordsIgnoreCase() throws QueryException {
        FunnelQuery query = funnel("FUNNEL \"Создание заявки\" > 'first_line_call'|WhatsApp WITHIN 7D");
        assertEquals(List.of(EventRef.ofName("Создание заявки")), query.steps().get(0).alternatives());
        assertEquals(List.of(EventRef.ofName("first_line_call"), EventRef.ofName("WhatsApp")),
                query.steps().get(1).alternatives());
        assertEquals(7 * DAY, query.windowSeconds());
    }

    @Test
    void withinBeforeNextStepLimitsThatStepAndWithinAfterLastIsTheWindow() throws QueryException {
        FunnelQuery query = funnel("3 > 4|13 within 3h > 7 within 30min");
        assertEquals(0, query.steps().get(0).maxSecondsFromPrevious());
        assertEquals(3 * HOUR, query.steps().get(1).maxSecondsFromPrevious());
        assertEquals(0, query.steps().get(2).maxSecondsFromPrevious());
        assertEquals(30 * 60, query.windowSeconds());
    }

    @Test
    void durationUnitsAndWeeks() throws QueryException {
        assertEquals(90, funnel("3 > 4 within 90s").windowSeconds());
        assertEquals(5 * 60, funnel("3 > 4 within 5m").windowSeconds());
        assertEquals(14 * DAY, funnel("3 > 4 within 2w").windowSeconds());
        assertEquals(2 * DAY, funnel("3 > 4 within 2days").windowSeconds());
    }

    @Test
    void dateRangesFromOnAndLast() throws QueryException {
        assertEquals(new DateRange.Between(LocalDate.of(2021, 3, 7), LocalDate.of(2021, 3, 13)),
                funnel("3 > 4 from 2021-03-07 to 2021-03-13").range());
        assertEquals(new DateRange.Between(LocalDate.of(2021, 3, 13), LocalDate.of(2021, 3, 13)),
                funnel("3 > 4 on 2021-03-13").range());
        assertEquals(new DateRange.LastDays(7), funnel("3 > 4 last 7d").range());
        assertEquals(new DateRange.LastDays(14), funnel("3 > 4 last 2w").range());
    }

    @Test
    void modes() throws QueryException {
        assertEquals(FunnelMode.ORDERED, funnel("3 > 4 ordered").mode());
        assertEquals(FunnelMode.STRICT_INCREASING, funnel("3 > 4 strict").mode());
        assertEquals(FunnelMode.STRICT_ORDER, funnel("3 > 4 strict order").mode());
        assertEquals(FunnelMode.STRICT_ORDER, funnel("3 > 4 sequence").mode());
        assertEquals(FunnelMode.ANY_ORDER, funnel("3 > 4 any order").mode());
    }

    @Test
    void exclusionsWithAndWithoutSteps() throws QueryException {
        FunnelQuery query = funnel("3 > 4|13 > 7 exclude 11 between 2 and 3 exclude 5|9 between 1 and 2");
        assertEquals(List.of(new Exclusion(List.of(id(11)), 2, 3), new Exclusion(List.of(id(5), id(9)), 1, 2)),
                query.exclusions());
        FunnelQuery wholeFunnel = funnel("7 > pay exclude second_line_task|second_line_call");
        assertEquals(List.of(new Exclusion(List.of(EventRef.ofName("second_line_task"),
                EventRef.ofName("second_line_call")), 1, 2)), wholeFunnel.exclusions());
    }

    @Test
    void breakdownFirstTouchAndAtStep() throws QueryException {
        assertEquals(Optional.of(Breakdown.firstTouch("utm_source")), funnel("3 > 4 > 7 by UTM_SOURCE").breakdown());
        assertEquals(Optional.of(new Breakdown("operator_group", Attribution.STEP, 2)),
                funnel("call > sale by operator_group at step 2").breakdown());
    }

    @Test
    void trendsWithEntryOrCompletionAndHourMeaningHourOfDay() throws QueryException {
        assertEquals(Optional.of(new Trend(Bucket.DAY, TrendBy.ENTRY)), funnel("3 > 7 trend day").trend());
        assertEquals(Optional.of(new Trend(Bucket.DAY, TrendBy.COMPLETION)),
                funnel("3 > 7 trend day by completion").trend());
        assertEquals(Optional.of(new Trend(Bucket.HOUR_OF_DAY, TrendBy.ENTRY)), funnel("call > sale trend hour").trend());
        assertEquals(Optional.of(new Trend(Bucket.WEEKDAY, TrendBy.ENTRY)),
                funnel("call > sale trend weekday by entry").trend());
    }

    @Test
    void trendByCompletionAndBreakdownInOneQuery() throws QueryException {
        FunnelQuery query = funnel("3 > 7 trend week by completion by product");
        assertEquals(Optional.of(new Trend(Bucket.WEEK, TrendBy.COMPLETION)), query.trend());
        assertEquals(Optional.of(Breakdown.firstTouch("product")), query.breakdown());
    }

    @Test
    void countingTimesAndDrillDown() throws QueryException {
        FunnelQuery query = funnel("3 > 4|13 > 7 count conversions times");
        assertEquals(Counting.CONVERSIONS, query.counting());
        assertTrue(query.timeToConvert());
        assertEquals(Optional.of(new DrillDown(2, 100, 50)),
                funnel("3 > 4|13 > 7 times drill 2 limit 50 offset 100").drillDown());
        assertEquals(Optional.of(new DrillDown(2, 0, 100)), funnel("3 > 4|13 > 7 dropped at 2").drillDown());
        assertEquals(Counting.USERS, funnel("3 > 4 count users").counting());
    }

    @Test
    void keywordNamedEventsAfterTheFirstPosition() throws QueryException {
        FunnelQuery query = funnel("visit > order within 365d times");
        assertEquals(List.of(EventRef.ofName("order")), query.steps().get(1).alternatives());
        assertEquals(365 * DAY, query.windowSeconds());
    }

    @Test
    void dailyRequestsMetric() throws QueryException {
        MetricQuery query = metric("users of 3 per day last 7d");
        assertEquals(new MetricQuery(Measure.USERS, List.of(id(3)), Bucket.DAY, new DateRange.LastDays(7), List.of(),
                Optional.empty(), false, false), query);
    }

    @Test
    void revenueWithChangeAndCumulativeUsers() throws QueryException {
        MetricQuery revenue = metric("sum of pay per day last 7d change");
        assertEquals(Measure.SUM, revenue.measure());
        assertTrue(revenue.change());
        assertFalse(revenue.cumulative());
        MetricQuery cumulative = metric("cumulative users of 3 per day");
        assertTrue(cumulative.cumulative());
        assertEquals(Bucket.DAY, cumulative.bucket());
    }

    @Test
    void allEventsByDefaultAndOneTotalWithoutPer() throws QueryException {
        assertEquals(List.of(), metric("users per month").events());
        assertEquals(Bucket.MONTH, metric("users per month").bucket());
        assertEquals(Bucket.TOTAL, metric("users of 3 last 7d").bucket());
        assertEquals(Measure.AVERAGE, metric("average of pay per month").measure());
    }

    @Test
    void bucketsIncludingHourOfDayInTwoSpellings() throws QueryException {
        assertEquals(Bucket.HOUR, metric("events per hour").bucket());
        assertEquals(Bucket.HOUR_OF_DAY, metric("events of 4|13 per hour of day").bucket());
        assertEquals(Bucket.HOUR_OF_DAY, metric("events of 4|13 per hour_of_day").bucket());
        assertEquals(Bucket.WEEKDAY, metric("events per weekday").bucket());
    }

    @Test
    void filtersAndBreakdown() throws QueryException {
        MetricQuery query = metric("users of visit per week where utm_source = 'ads' and device in ('touch', 'desktop')"
                + " and currency != \"USD\" and product not in (1, basic) by product");
        assertEquals(List.of(new DimensionFilter("utm_source", List.of("ads"), false),
                new DimensionFilter("device", List.of("touch", "desktop"), false),
                new DimensionFilter("currency", List.of("USD"), true),
                new DimensionFilter("product", List.of("1", "basic"), true)), query.filters());
        assertEquals(Optional.of("product"), query.breakdown());
    }

    @Test
    void retentionWithReturnEventsAndPeriods() throws QueryException {
        assertEquals(new RetentionQuery(List.of(id(3)), List.of(id(7)), Bucket.WEEK, 8, DateRange.all(), Measure.USERS,
                false, Optional.empty()), retention("retention of 3 return 7 per week 8"));
    }

    @Test
    void retentionDefaultsReturnToTheCohortEvents() throws QueryException {
        RetentionQuery query = retention("cumulative retention of visit from 2017-06-01 to 2018-05-31");
        assertEquals(query.cohortEvents(), query.returnEvents());
        assertEquals(Bucket.WEEK, query.period());
        assertEquals(RetentionConverter.DEFAULT_PERIODS, query.periods());
        assertTrue(query.cumulative());
    }

    @Test
    void ltvSumsValueEventsCumulatively() throws QueryException {
        assertEquals(new RetentionQuery(List.of(id(3)), List.of(EventRef.ofName("pay")), Bucket.MONTH, 6,
                DateRange.all(), Measure.SUM, true, Optional.of("source_id")),
                retention("ltv of 3 value pay per month 6 by source_id"));
    }

    @Test
    void queryMaySpanLines() throws QueryException {
        FunnelQuery query = funnel("3 > 4|13\n  > 7\r\n  within 7d\n  by utm_source");
        assertEquals(3, query.steps().size());
        assertEquals(7 * DAY, query.windowSeconds());
    }

    @Test
    void queryOfExactlyTheMaximumLengthParses() throws QueryException {
        String base = "3 > 4 within 14d";
        String text = base + " ".repeat(QueryParser.MAX_QUERY_LENGTH - base.length());
        assertEquals(2, funnel(text).steps().size());
    }
}
