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
        assertEquals("utm_source", cac.dimension());
        assertEquals(Bucket.WEEK, cac.bucket());
        assertEquals(new DateRange.LastDays(28), cac.range());
        assertEquals(0, cac.horizonSeconds());
        AcquisitionQuery romi = (AcquisitionQuery) QueryParser.parse("romi of pay by utm_source within 180d",
                SeedCatalog.catalog());
        assertEquals(AcquisitionMeasure.ROMI, romi.measure());
        assertEquals(Bucket.MONTH, romi.bucket(), "month by default");
        assertEquals(180L * 86_400, romi.horizonSeconds());
    }

    @Test
    void missingGroupIsAnErrorThatSaysWhatToAdd() {
        QueryException e = assertThrows(QueryException.class, () -> QueryParser.parse("romi of pay",
                SeedCatalog.catalog()));
        assertEquals(1, e.line());
        assertEquals(1, e.column());
        assertTrue(e.getMessage().contains("by utm_source"), e.getMessage());
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
