package io.voronka.dsl;

import io.voronka.engine.query.Bucket;
import io.voronka.engine.query.DimensionFilter;
import io.voronka.engine.query.EventRef;
import io.voronka.engine.query.FunnelQuery;
import io.voronka.engine.query.GroupPart;
import io.voronka.engine.query.MetricQuery;
import io.voronka.engine.query.RateQuery;
import io.voronka.engine.query.ValueQuery;
import io.voronka.engine.query.ValueStatistic;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RateAndValueParseTest {
    private static Object parse(String text) throws QueryException {
        return QueryParser.parse(text, SeedCatalog.catalog());
    }

    @Test
    void whereAfterTheNumeratorFiltersTheNumeratorAndAmongTheClausesTheDenominator() throws QueryException {
        RateQuery r = (RateQuery) parse("rate of call where status = 'success' per call where product != 'Basic'"
                + " by department, operator_group per month within 2h");
        assertEquals(List.of(EventRef.ofName("call")), r.numerator());
        assertEquals(List.of(new DimensionFilter("status", List.of("success"), false)), r.numeratorFilters());
        assertEquals(List.of(new DimensionFilter("product", List.of("Basic"), true)), r.denominatorFilters());
        assertEquals(List.of(new GroupPart.Dimension("department"), new GroupPart.Dimension("operator_group")),
                r.groupBy().parts());
        assertEquals(Bucket.MONTH, r.bucket());
        assertEquals(7200, r.withinSeconds());
    }

    @Test
    void topPutsTheRankedLevelLastAndCalendarPartsAreLevels() throws QueryException {
        RateQuery r = (RateQuery) parse("rate of sale per call top 1 operator by department min 30");
        assertEquals(List.of(new GroupPart.Dimension("department"), new GroupPart.Dimension("operator")),
                r.groupBy().parts());
        assertEquals(1, r.groupBy().top());
        assertEquals(30, r.groupBy().minSize());
        RateQuery calendar = (RateQuery) parse("rate of sale per call by weekday, hour");
        assertEquals(List.of(new GroupPart.Calendar(Bucket.WEEKDAY), new GroupPart.Calendar(Bucket.HOUR_OF_DAY)),
                calendar.groupBy().parts());
    }

    @Test
    void statisticsOfValues() throws QueryException {
        ValueQuery p90 = (ValueQuery) parse("p90 of value of call where status = 'success' by department");
        assertEquals(ValueStatistic.PERCENTILE, p90.statistic());
        assertEquals(0.9, p90.quantile());
        ValueQuery median = (ValueQuery) parse("median of order per month");
        assertEquals(ValueStatistic.MEDIAN, median.statistic());
        assertEquals(Bucket.MONTH, median.bucket());
        ValueQuery box = (ValueQuery) parse("distribution of value of call by status");
        assertEquals(ValueStatistic.DISTRIBUTION, box.statistic());
        assertInstanceOf(ValueQuery.class, parse("avg of value of order per month"));
        assertInstanceOf(MetricQuery.class, parse("avg of order per month"), "the metric form stays a metric");
        assertEquals(Bucket.WEEKDAY, ((MetricQuery) parse("events of call by weekday")).bucket());
        assertEquals(Bucket.HOUR_OF_DAY, ((MetricQuery) parse("users of visit by hour")).bucket());
        assertEquals(Bucket.WEEKDAY, ((FunnelQuery) parse("call > sale by weekday")).trend().orElseThrow().bucket(),
                "a funnel by weekday is its trend by the entry's weekday");
    }

    @Test
    void userConditionsChooseTheUsersOfRatesAndValues() throws QueryException {
        RateQuery r = (RateQuery) parse("rate of sale per call where did sale and department = 'Retention'");
        assertEquals(1, r.userFilter().conditions().size(), "did chooses users");
        assertEquals(List.of(new DimensionFilter("department", List.of("Retention"), false)), r.denominatorFilters());
        QueryException value = assertThrows(QueryException.class,
                () -> parse("median of value of order where value > 3"));
        assertTrue(value.getMessage().contains("a value statistic filters its events by dimensions"),
                value.getMessage());
    }

    @Test
    void mistakesAreErrorsAtTheirWords() {
        QueryException within = assertThrows(QueryException.class, () -> parse("median of value of call within 2h"));
        assertEquals(25, within.column());
        assertTrue(within.getMessage().contains("attribution window of a rate"), within.getMessage());
        QueryException both = assertThrows(QueryException.class, () -> parse(
                "rate of sale per call by department top 1 operator by department"));
        assertEquals(23, both.column());
        QueryException twice = assertThrows(QueryException.class, () -> parse(
                "rate of sale per call by department, department"));
        assertEquals(38, twice.column());
        QueryException three = assertThrows(QueryException.class, () -> parse(
                "rate of sale per call by department, operator, weekday"));
        assertTrue(three.getMessage().contains("at most 2 levels"), three.getMessage());
        QueryException unknown = assertThrows(QueryException.class, () -> parse("rate of sale per call by departmnt"));
        assertTrue(unknown.hint().contains("department"), unknown.getMessage());
        QueryException noDenominator = assertThrows(QueryException.class, () -> parse("rate of sale"));
        assertEquals(13, noDenominator.column());
    }
}
