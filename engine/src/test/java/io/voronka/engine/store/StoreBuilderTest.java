package io.voronka.engine.store;

import org.junit.jupiter.api.Test;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StoreBuilderTest {
    private static final long T0 = 1_625_000_000L;

    @Test
    void groupsByUserAndSortsEachUsersEventsByTime() {
        StoreBuilder b = new StoreBuilder(UserKeyKind.INT64, ZoneOffset.UTC);
        int src = b.source("events");
        int a = b.users().internLong(42);
        int c = b.users().internLong(-7);
        int req = b.types().define(3, "request", List.of());
        int call = b.types().define(4, "call", List.of());
        b.append(src, a, call, T0 + 50);
        b.append(src, c, req, T0 + 10);
        b.append(src, a, req, T0 + 5);
        b.append(src, c, call, T0 + 1);
        EventStore store = b.build(2);
        Segment s = store.segments().get(0);
        assertEquals(2, store.userCount());
        assertEquals(4, store.eventCount());
        assertEquals("42", store.users().key(a));
        assertEquals("-7", store.users().key(c));
        assertEquals(List.of(T0 + 5, T0 + 50), eventTimes(s, a));
        assertEquals(List.of(T0 + 1, T0 + 10), eventTimes(s, c));
        assertEquals(req, s.types()[s.offsets()[a]]);
        assertEquals(Times.toStored(T0 + 1), store.minTime());
        assertEquals(Times.toStored(T0 + 50), store.maxTime());
    }

    @Test
    void exactDuplicatesAreDroppedAndCountedAgainstTheirSource() {
        StoreBuilder b = new StoreBuilder(UserKeyKind.INT64, ZoneOffset.UTC);
        int events = b.source("events");
        int payments = b.source("payments");
        int u = b.users().internLong(12272783L);
        int call = b.types().define(4, "call", List.of());
        int pay = b.types().constant("pay");
        b.append(events, u, call, T0);
        b.append(events, u, call, T0);
        b.append(events, u, call, T0);
        b.append(events, u, call, T0 + 1);
        b.value(b.append(payments, u, pay, T0), 100);
        b.value(b.append(payments, u, pay, T0), 100);
        b.value(b.append(payments, u, pay, T0), 250);
        b.skip(events, SkipReason.NULL_USER);
        EventStore store = b.build(1);
        SourceReport ev = store.report().get(0);
        SourceReport pr = store.report().get(1);
        assertEquals(5, ev.read());
        assertEquals(2, ev.kept());
        assertEquals(2, ev.dropped(SkipReason.DUPLICATE));
        assertEquals(1, ev.dropped(SkipReason.NULL_USER));
        assertEquals(3, pr.read());
        assertEquals(2, pr.kept(), "same user, time and type but another amount is not a duplicate");
        assertEquals(1, pr.dropped(SkipReason.DUPLICATE));
        assertEquals(4, store.eventCount());
        assertTrue(ev.summary().contains("dropped 2 (exact duplicate of another row)"), ev.summary());
    }

    @Test
    void valuesAndDimensionsAreSparseAndFollowTheirEvents() {
        StoreBuilder b = new StoreBuilder(UserKeyKind.INT64, ZoneOffset.UTC);
        int events = b.source("events");
        int payments = b.source("payments");
        int call = b.types().define(4, "call", List.of());
        int pay = b.types().constant("pay");
        int currency = b.dimension("currency");
        int rub = b.dimensionAt(currency).intern("RUB");
        int u = b.users().internLong(1);
        for (int i = 0; i < 200; i++) {
            b.append(events, u, call, T0 + 10L * i);
        }
        int row = b.append(payments, u, pay, T0 + 15);
        b.value(row, 990.5);
        b.dimensionValue(row, currency, rub);
        EventStore store = b.build(2);
        Segment s = store.segments().get(0);
        int payAt = -1;
        for (int p = 0; p < s.eventCount(); p++) {
            if (s.types()[p] == pay) {
                payAt = p;
            }
        }
        assertEquals(2, payAt, "the payment sorts between the calls at +10 and +20");
        assertEquals(990.5, s.values().get(payAt, Double.NaN));
        assertEquals(rub, s.dimension(currency).get(payAt));
        assertFalse(s.values().has(0));
        assertEquals(SparseIntColumn.MISSING, s.dimension(currency).get(0));
        assertTrue(s.values().bytes() < 8L * s.eventCount(), "values are paid only by events that have one");
    }

    @Test
    void multiSegmentStoreHoldsTheSameEventsAsOneSegment() {
        SplittableRandom r = new SplittableRandom(5);
        List<long[]> rows = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            rows.add(new long[]{r.nextInt(300), 1 + r.nextInt(5), T0 + r.nextInt(100_000)});
        }
        EventStore one = build(rows, Integer.MAX_VALUE);
        EventStore many = build(rows, 97);
        assertTrue(many.segments().size() > 10);
        assertEquals(one.eventCount(), many.eventCount());
        for (int user = 0; user < one.userCount(); user++) {
            assertEquals(events(one, user), events(many, user), "user " + user);
        }
    }

    @Test
    void unsignedAndTextKeysRoundTrip() {
        UserKeys uint = new UserKeys(UserKeyKind.UINT64);
        int id = uint.internText("17903680561304213844");
        assertEquals("17903680561304213844", uint.key(id));
        assertEquals(id, uint.find("17903680561304213844"));
        assertThrows(IllegalArgumentException.class, () -> uint.internText("-5"));
        UserKeys text = new UserKeys(UserKeyKind.TEXT);
        int t = text.internText("a1b2");
        assertEquals(t, text.internLong(5) - 1);
        assertEquals("5", text.key(t + 1));
        assertEquals(-1, text.find("nobody"));
    }

    @Test
    void timesOutsideTheStoredRangeAreSkippedAndCounted() {
        StoreBuilder b = new StoreBuilder(UserKeyKind.INT64, ZoneOffset.UTC);
        int src = b.source("events");
        int u = b.users().internLong(1);
        int type = b.types().define(1, "x", List.of());
        assertEquals(-1, b.append(src, u, type, Times.MAX_EPOCH_SECOND + 1));
        EventStore store = b.build(1);
        assertEquals(1, store.report().get(0).dropped(SkipReason.TIME_OUT_OF_RANGE));
        assertEquals(0, store.eventCount());
    }

    private static EventStore build(List<long[]> rows, int maxSegmentEvents) {
        StoreBuilder b = new StoreBuilder(UserKeyKind.INT64, ZoneOffset.UTC).maxSegmentEvents(maxSegmentEvents);
        int src = b.source("events");
        for (long[] row : rows) {
            b.append(src, b.users().internLong(row[0]), b.types().codeForId(row[1]), row[2]);
        }
        return b.build(3);
    }

    private static List<String> events(EventStore store, int user) {
        for (Segment s : store.segments()) {
            int local = user - s.firstUser();
            if (local >= 0 && local < s.userCount()) {
                List<String> out = new ArrayList<>();
                for (int p = s.offsets()[local]; p < s.offsets()[local + 1]; p++) {
                    out.add(s.times()[p] + ":" + s.types()[p]);
                }
                return out;
            }
        }
        throw new AssertionError("user " + user + " in no segment");
    }

    private static List<Long> eventTimes(Segment s, int user) {
        List<Long> out = new ArrayList<>();
        for (int p = s.offsets()[user]; p < s.offsets()[user + 1]; p++) {
            out.add(Times.toEpochSecond(s.times()[p]));
        }
        return out;
    }
}
