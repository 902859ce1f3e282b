package io.voronka.engine.eval;

import io.voronka.engine.error.ErrorKind;
import io.voronka.engine.error.VoronkaException;
import io.voronka.engine.query.Bucket;
import io.voronka.engine.store.Times;
import io.voronka.engine.testing.JavaTimeLabels;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Arithmetic buckets equal java.time's answer for random instants, DST switches and midnights included. */
class CalendarBucketsTest {

    @ParameterizedTest
    @ValueSource(strings = {"UTC", "Europe/Moscow", "Europe/Berlin", "America/New_York", "Asia/Kolkata",
            "Australia/Lord_Howe"})
    void bucketsAndLabelsMatchJavaTime(String zoneName) {
        ZoneId zone = ZoneId.of(zoneName);
        int from = Times.toStored(ZonedDateTime.of(2020, 12, 30, 0, 0, 0, 0, zone).toEpochSecond());
        int to = Times.toStored(ZonedDateTime.of(2022, 3, 2, 0, 0, 0, 0, zone).toEpochSecond());
        SplittableRandom r = new SplittableRandom(zoneName.hashCode());
        for (Bucket bucket : Bucket.values()) {
            if (bucket == Bucket.HOUR) {
                continue;
            }
            CalendarBuckets buckets = new CalendarBuckets(zone, bucket, from, to);
            for (int i = 0; i < 20_000; i++) {
                int t = i < 2000 ? nearSwitchOrMidnight(zone, from, to, r) : from + r.nextInt(to - from);
                ZonedDateTime local = Instant.ofEpochSecond(Times.toEpochSecond(t)).atZone(zone);
                int index = buckets.bucketOf(t);
                assertEquals(JavaTimeLabels.label(bucket, local), buckets.label(index), zoneName + " " + bucket + " " + local);
            }
            assertEquals(expectedCount(bucket, zone, from, to), buckets.count(), zoneName + " " + bucket);
        }
    }

    @Test
    void hourBucketsFollowTheLocalClockAcrossDaylightSaving() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        int from = Times.toStored(ZonedDateTime.of(2021, 3, 28, 0, 0, 0, 0, berlin).toEpochSecond());
        int to = Times.toStored(ZonedDateTime.of(2021, 3, 29, 0, 0, 0, 0, berlin).toEpochSecond());
        CalendarBuckets hours = new CalendarBuckets(berlin, Bucket.HOUR, from, to);
        int threeAm = Times.toStored(ZonedDateTime.of(2021, 3, 28, 3, 30, 0, 0, berlin).toEpochSecond());
        assertEquals("2021-03-28 03:00", hours.label(hours.bucketOf(threeAm)));
        assertEquals(-1, hours.bucketOf(to), "the end of the range is outside");
    }

    @Test
    void tooManyBucketsIsAClearError() {
        VoronkaException e = assertThrows(VoronkaException.class, () -> new CalendarBuckets(
                ZoneId.of("UTC"), Bucket.HOUR, 0, 3600 * (CalendarBuckets.MAX_BUCKETS + 5)));
        assertTrue(e.getMessage().contains("coarser bucket"), e.getMessage());
        assertEquals(ErrorKind.USER, e.kind());
    }

    private static int nearSwitchOrMidnight(ZoneId zone, int from, int to, SplittableRandom r) {
        int t = from + r.nextInt(to - from);
        ZonedDateTime local = Instant.ofEpochSecond(Times.toEpochSecond(t)).atZone(zone).truncatedTo(ChronoUnit.DAYS);
        int midnight = Times.toStored(local.toEpochSecond());
        int candidate = midnight + r.nextInt(7201) - 3600;
        return Math.max(from, Math.min(to - 1, candidate));
    }

    private static int expectedCount(Bucket bucket, ZoneId zone, int from, int to) {
        LocalDate first = Instant.ofEpochSecond(Times.toEpochSecond(from)).atZone(zone).toLocalDate();
        LocalDate last = Instant.ofEpochSecond(Times.toEpochSecond(to - 1)).atZone(zone).toLocalDate();
        return switch (bucket) {
            case TOTAL -> 1;
            case HOUR -> -1;
            case DAY -> (int) ChronoUnit.DAYS.between(first, last) + 1;
            case WEEK -> (int) ChronoUnit.WEEKS.between(first.minusDays(first.getDayOfWeek().getValue() - 1L),
                    last.minusDays(last.getDayOfWeek().getValue() - 1L)) + 1;
            case MONTH -> (int) ChronoUnit.MONTHS.between(first.withDayOfMonth(1), last.withDayOfMonth(1)) + 1;
            case WEEKDAY -> 7;
            case HOUR_OF_DAY -> 24;
        };
    }
}
