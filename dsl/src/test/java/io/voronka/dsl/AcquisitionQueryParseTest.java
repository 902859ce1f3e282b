package io.voronka.dsl;

import io.voronka.engine.query.AcquisitionMeasure;
import io.voronka.engine.query.AcquisitionQuery;
import io.voronka.engine.query.Bucket;
import io.voronka.engine.query.DateRange;
import io.voronka.engine.query.EventRef;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AcquisitionQueryParseTest {
    @Test
    void cacAndRomiClausesMapToTheQuery() throws QueryException {
        AcquisitionQuery cac = (AcquisitionQuery) QueryParser.parse("CAC of pay by utm_source per week last 28d",
                SeedCatalog.catalog());
        assertEquals(AcquisitionMeasure.CAC, cac.measure());
        assertEquals(List.of(EventRef.ofName("pay")), cac.purchases());
        assertEquals(java.util.Optional.of("utm_source"), cac.dimension());
        assertEquals(Bucket.WEEK, cac.bucket());
        assertEquals(new DateRange.LastDays(28), cac.range());
        assertEquals(0, cac.horizonSeconds());
        AcquisitionQuery roi = (AcquisitionQuery) QueryParser.parse("roi of pay by utm_source within 180d",
                SeedCatalog.catalog());
        assertEquals(AcquisitionMeasure.ROI, roi.measure());
        assertEquals(Bucket.MONTH, roi.bucket(), "month by default");
        assertEquals(180L * 86_400, roi.horizonSeconds());
        AcquisitionQuery romi = (AcquisitionQuery) QueryParser.parse("romi of order per month within 6 months",
                SeedCatalog.catalog());
        assertEquals(AcquisitionMeasure.ROMI, romi.measure());
        assertEquals(6, romi.horizonMonths());
        assertTrue(romi.dimension().isEmpty(), "per cohort, all sources together");
    }

    @Test
    void theOldRomiIsAnErrorThatPointsToRoi() {
        QueryException e = assertThrows(QueryException.class, () -> QueryParser.parse(
                "romi of pay by utm_source per month within 180d", SeedCatalog.catalog()));
        assertEquals(1, e.line());
        assertEquals(37, e.column(), "at the day horizon");
        assertTrue(e.getMessage().contains("within 6 months"), e.getMessage());
        assertEquals("what romi meant before, (revenue − spend) ÷ spend, is now roi: write roi of pay by utm_source"
                + " per month within 180d", e.hint());
        QueryException none = assertThrows(QueryException.class, () -> QueryParser.parse("romi of pay",
                SeedCatalog.catalog()));
        assertEquals(1, none.column());
    }

    @Test
    void spendAndItsShareReadTheCosts() throws QueryException {
        AcquisitionQuery spend = (AcquisitionQuery) QueryParser.parse("spend per month by utm_source",
                SeedCatalog.catalog());
        assertEquals(AcquisitionMeasure.SPEND, spend.measure());
        assertTrue(spend.purchases().isEmpty());
        AcquisitionQuery share = (AcquisitionQuery) QueryParser.parse("spend share by utm_source per week",
                SeedCatalog.catalog());
        assertEquals(AcquisitionMeasure.SPEND_SHARE, share.measure());
        QueryException noGroups = assertThrows(QueryException.class, () -> QueryParser.parse("spend share",
                SeedCatalog.catalog()));
        assertTrue(noGroups.hint().contains("by utm_source"), noGroups.getMessage());
        QueryException ages = assertThrows(QueryException.class, () -> QueryParser.parse(
                "ltv of order value order per week age 6 months", SeedCatalog.catalog()));
        assertTrue(ages.getMessage().contains("monthly cohorts"), ages.getMessage());
    }

    @Test
    void unknownDimensionAndHourlyBucketsAreRefused() {
        QueryException dimension = assertThrows(QueryException.class, () -> QueryParser.parse(
                "cac of pay by utm_sorce", SeedCatalog.catalog()));
        assertEquals(15, dimension.column());
        assertTrue(dimension.hint().contains("utm_source"), dimension.getMessage());
        QueryException hourly = assertThrows(QueryException.class, () -> QueryParser.parse(
                "cac of pay by utm_source per hour of day", SeedCatalog.catalog()));
        assertTrue(hourly.getMessage().contains("day, week, month or total"), hourly.getMessage());
    }
}
