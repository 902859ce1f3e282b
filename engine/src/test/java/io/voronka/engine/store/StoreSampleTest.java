package io.voronka.engine.store;

import io.voronka.engine.demo.DemoStoreSink;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A sample of a store (what the JIT warm-up runs on) holds every n-th user with exactly that user's events: types,
 * times, values and every dimension, present or not, event by event; its index is built for its own columns.
 */
class StoreSampleTest {
    private static final EventStore STORE = DemoStoreSink.build(5, 40_000, 1);

    @Test
    void everyNthUserKeepsThatUsersEventsAndColumns() {
        Segment whole = STORE.segments().get(0);
        for (int step : new int[] {1, 2, 3, 7, 64, 1000, whole.userCount(), whole.userCount() + 5}) {
            Segment sample = whole.everyNth(step);
            assertEquals((whole.userCount() + step - 1) / step, sample.userCount(), "step " + step);
            assertEquals(whole.firstUser(), sample.firstUser());
            for (int i = 0; i < sample.userCount(); i++) {
                int u = i * step;
                int from = whole.offsets()[u];
                int to = whole.offsets()[u + 1];
                int at = sample.offsets()[i];
                assertEquals(to - from, sample.offsets()[i + 1] - at, "events of user " + u + ", step " + step);
                for (int e = 0; e < to - from; e++) {
                    String where = "step " + step + ", user " + u + ", event " + e;
                    assertEquals(whole.types()[from + e], sample.types()[at + e], where);
                    assertEquals(whole.times()[from + e], sample.times()[at + e], where);
                    assertEquals(whole.values().get(from + e, Double.NaN), sample.values().get(at + e, Double.NaN),
                            where);
                    for (int d = 0; d < whole.dimensionCount(); d++) {
                        assertEquals(whole.dimension(d).get(from + e), sample.dimension(d).get(at + e),
                                where + ", dimension " + d);
                    }
                }
                assertEquals(whole.index().mask(u), sample.index().mask(i), "type mask of user " + u);
            }
            for (int d = 0; d < whole.dimensionCount(); d++) {
                assertEquals(sample.dimension(d).presence().rankBefore(sample.eventCount()),
                        sample.dimension(d).presence().cardinality(), "codes of dimension " + d + ", step " + step);
            }
        }
    }

    @Test
    void storeSampleIsAboutTheAskedSizeOverTheSameDictionaries() {
        EventStore sample = STORE.sample(4_000);
        assertTrue(sample.eventCount() > 2_000 && sample.eventCount() < 8_000, "events " + sample.eventCount());
        assertSame(STORE.types(), sample.types());
        assertEquals(STORE.dimensions(), sample.dimensions());
        assertEquals(STORE.minTime(), sample.minTime());
        assertEquals(STORE.maxTime(), sample.maxTime());
        assertEquals(STORE.eventCount(), STORE.sample(STORE.eventCount()).eventCount(), "asked for all: all");
        assertEquals(STORE.eventCount(), STORE.sample(10 * STORE.eventCount()).eventCount());
        assertThrows(IllegalArgumentException.class, () -> STORE.segments().get(0).everyNth(0));
    }
}
