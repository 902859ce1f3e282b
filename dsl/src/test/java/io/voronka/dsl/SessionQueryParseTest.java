package io.voronka.dsl;

import io.voronka.engine.query.ActivityMeasure;
import io.voronka.engine.query.ActivityQuery;
import io.voronka.engine.query.Bucket;
import io.voronka.engine.query.EventRef;
import io.voronka.engine.query.SessionMeasure;
import io.voronka.engine.query.SessionQuery;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionQueryParseTest {
    private static Object parse(String text) throws QueryException {
        return QueryParser.parse(text, SeedCatalog.catalog());
    }

    @Test
    void sessionsTakeAGapABucketAndABreakdown() throws QueryException {
        SessionQuery q = (SessionQuery) parse("sessions of visit gap 1h per day by device");
        assertEquals(SessionMeasure.SESSIONS, q.measure());
        assertEquals(List.of(EventRef.ofName("visit")), q.events());
        assertEquals(3600, q.gapSeconds());
        assertEquals(Bucket.DAY, q.bucket());
        assertEquals(Optional.of("device"), q.breakdown());
        SessionQuery perUser = (SessionQuery) parse("sessions per user of visit per day");
        assertEquals(SessionMeasure.SESSIONS_PER_USER, perUser.measure());
        assertEquals(SessionQuery.DEFAULT_GAP_SECONDS, perUser.gapSeconds());
        assertEquals(SessionMeasure.AVERAGE_LENGTH, ((SessionQuery) parse("avg session length")).measure());
    }

    @Test
    void activityMeasuresAreAveragedPerMonthOrOverTheRange() throws QueryException {
        ActivityQuery sticky = (ActivityQuery) parse("sticky of visit per month");
        assertEquals(ActivityMeasure.STICKY, sticky.measure());
        assertEquals(Bucket.MONTH, sticky.bucket());
        assertEquals(Bucket.TOTAL, ((ActivityQuery) parse("mau of visit")).bucket());
        QueryException weekly = assertThrows(QueryException.class, () -> parse("dau of visit per week"));
        assertTrue(weekly.getMessage().contains("per month or over the range"), weekly.getMessage());
        QueryException gap = assertThrows(QueryException.class, () -> parse("sessions of visit gap 0m"));
        assertEquals(23, gap.column());
    }
}
