package io.voronka.engine.load;

import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ZoneOffsetTableTest {
    private static void assertMatchesJavaTime(String zoneId, long seed) {
        ZoneId zone = ZoneId.of(zoneId);
        ZoneOffsetTable table = new ZoneOffsetTable(zone);
        SplittableRandom random = new SplittableRandom(seed);
        long from = LocalDateTime.of(1935, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);
        long to = LocalDateTime.of(2065, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);
        for (int i = 0; i < 200_000; i++) {
            long local = random.nextLong(from, to);
            long expected = LocalDateTime.ofEpochSecond(local, 0, ZoneOffset.UTC).atZone(zone).toEpochSecond();
            assertEquals(expected, table.epochSecond(local), () -> zoneId + " local second " + local + " ("
                    + LocalDateTime.ofEpochSecond(local, 0, ZoneOffset.UTC) + ")");
        }
    }

    @Test
    void randomLocalTimesMatchJavaTimeInZonesWithHistory() {
        assertMatchesJavaTime("Europe/Moscow", 1);
        assertMatchesJavaTime("America/New_York", 2);
        assertMatchesJavaTime("Australia/Lord_Howe", 3);
        assertMatchesJavaTime("UTC", 4);
    }

    @Test
    void gapAndOverlapTakeTheOffsetBeforeTheTransition() {
        ZoneId ny = ZoneId.of("America/New_York");
        ZoneOffsetTable table = new ZoneOffsetTable(ny);
        for (LocalDateTime t : new LocalDateTime[]{
                LocalDateTime.of(2021, 3, 14, 1, 59, 59), LocalDateTime.of(2021, 3, 14, 2, 30), // gap
                LocalDateTime.of(2021, 3, 14, 3, 0), LocalDateTime.of(2021, 11, 7, 1, 30),      // overlap
                LocalDateTime.of(2021, 11, 7, 2, 0)}) {
            assertEquals(t.atZone(ny).toEpochSecond(), table.epochSecond(t.toEpochSecond(ZoneOffset.UTC)), t::toString);
        }
    }
}
