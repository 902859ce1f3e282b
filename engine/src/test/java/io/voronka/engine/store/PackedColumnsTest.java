package io.voronka.engine.store;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;
import java.util.function.LongUnaryOperator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The narrow forms of columns give back exactly what was put in: id → key chunks packed by their range, dimension
 * codes in bytes, chars or ints, and presence bits shared by columns that have the same ones.
 */
class PackedColumnsTest {
    private static final int CHUNK = 1 << 16;

    @Test
    void packedKeyChunksGiveBackEveryKey() {
        SplittableRandom r = new SplittableRandom(7);
        LongUnaryOperator[] kinds = {
            id -> 12_000_000L + 4 * id + r.nextInt(4),          // the demo: growing ids with gaps (18 bits a chunk)
            id -> 5,                                             // one key everywhere: 0 bits
            id -> r.nextLong(),                                  // any long: 64 bits
            id -> Long.MIN_VALUE + r.nextInt(3) * Long.MAX_VALUE, // the extremes (UINT64 bits above 2^63)
            id -> -1_000_000L + r.nextInt(2_000_000),           // negative and positive
        };
        for (int k = 0; k < kinds.length; k++) {
            int n = 2 * CHUNK + 1234;
            long[] keys = new long[n];
            for (int id = 0; id < n; id++) {
                keys[id] = kinds[k].applyAsLong(id);
            }
            UserKeyColumn appended = new UserKeyColumn(UserKeyKind.INT64);
            for (int id = 0; id < n; id++) {
                appended.setLong(id, keys[id]);
            }
            UserKeyColumn chunked = new UserKeyColumn(UserKeyKind.INT64);
            for (int from = 0; from < n; from += CHUNK) {
                chunked.setLongs(from, java.util.Arrays.copyOfRange(keys, from, Math.min(n, from + CHUNK)));
            }
            for (int id = 0; id < n; id++) {
                assertEquals(keys[id], appended.getLong(id), "kind " + k + ", appended, id " + id);
                assertEquals(keys[id], chunked.getLong(id), "kind " + k + ", read in chunks, id " + id);
            }
            assertEquals(appended.heapBytes(n), chunked.heapBytes(n), "kind " + k);
            // a key set again in a packed chunk
            appended.setLong(17, 42);
            assertEquals(42, appended.getLong(17));
            assertEquals(keys[18], appended.getLong(18));
        }
        UserKeyColumn demo = new UserKeyColumn(UserKeyKind.INT64);
        for (int id = 0; id < 4 * CHUNK; id++) {
            demo.setLong(id, 12_000_000L + 4L * id);
        }
        // three packed chunks of 18 bits per key and the open one
        assertTrue(demo.heapBytes(4 * CHUNK) < 3L * CHUNK * 18 / 8 + 8L * CHUNK + 1000, "" + demo.heapBytes(4 * CHUNK));
    }

    @Test
    void dimensionCodesAreHeldInTheNarrowestArray() {
        SplittableRandom r = new SplittableRandom(11);
        int[] limits = {1, 200, 256, 60_000, 65_536, 3_000_000};
        int[] widths = {1, 1, 1, 2, 2, 4};
        for (int k = 0; k < limits.length; k++) {
            int events = 1000;
            long[] bits = PresenceIndex.newBits(events);
            int[] codes = new int[events];
            int present = 0;
            for (int e = 0; e < events; e++) {
                if (r.nextInt(3) > 0) {
                    bits[e >>> 6] |= 1L << e;
                    codes[present++] = e == 5 ? limits[k] - 1 : r.nextInt(limits[k]);
                }
            }
            int[] packed = java.util.Arrays.copyOf(codes, present);
            SparseIntColumn column = SparseIntColumn.of(bits, packed.clone());
            assertEquals(widths[k], column.codeWidth(), "codes below " + limits[k]);
            assertArrayEquals(packed, column.codes());
            int[] part = new int[10];
            column.copyCodes(3, part, 0, 10);
            assertArrayEquals(java.util.Arrays.copyOfRange(packed, 3, 13), part);
            for (int e = 0, rank = 0; e < events; e++) {
                boolean has = (bits[e >>> 6] & (1L << e)) != 0;
                assertEquals(has ? packed[rank] : SparseIntColumn.MISSING, column.get(e), "event " + e);
                rank += has ? 1 : 0;
            }
        }
    }

    @Test
    void columnsWithTheSamePresenceShareIt() {
        StoreBuilder b = new StoreBuilder(UserKeyKind.INT64, java.time.ZoneOffset.UTC);
        int payments = b.source("payments");
        int events = b.source("events");
        b.types().define(1, "pay", java.util.List.of());
        b.types().define(2, "visit", java.util.List.of());
        int product = b.dimension("product");
        int manager = b.dimension("manager");
        int channel = b.dimension("channel");
        for (int u = 0; u < 100; u++) {
            int user = b.users().internLong(u);
            b.append(events, user, b.types().codeOfId(2), 1_600_000_000L + u);
            int row = b.append(payments, user, b.types().codeOfId(1), 1_600_000_100L + u);
            b.value(row, 10.0 * u);
            b.dimensionValue(row, product, u % 3);
            b.dimensionValue(row, manager, u % 5);
            if (u % 2 == 0) {
                b.dimensionValue(b.append(events, user, b.types().codeOfId(2), 1_600_000_200L + u), channel, u % 7);
            }
        }
        Segment s = b.build(1).segments().get(0);
        assertSame(s.values().presence(), s.dimension(product).presence());
        assertSame(s.values().presence(), s.dimension(manager).presence());
        assertTrue(s.values().presence() != s.dimension(channel).presence());
        assertEquals(1, s.dimension(product).codeWidth());
    }
}
