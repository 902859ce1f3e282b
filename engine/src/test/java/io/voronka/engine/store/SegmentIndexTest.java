package io.voronka.engine.store;

import org.junit.jupiter.api.Test;

import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The index built at load says exactly what each user has: its types (as a conservative mask), whether it has equal
 * timestamps, and a time order whose blocks bound every user's first and last event. Checked against the columns on
 * seeded random stores, over several segments.
 */
class SegmentIndexTest {
    private static final long T0 = 1_625_000_000L;

    @Test
    void masksTiesAndTimeBlocksAgreeWithTheColumns() {
        for (long seed = 1; seed <= 4; seed++) {
            SplittableRandom r = new SplittableRandom(seed);
            StoreBuilder b = new StoreBuilder(UserKeyKind.INT64, ZoneOffset.UTC).maxSegmentEvents(seed % 2 == 0
                    ? Integer.MAX_VALUE : 3000);
            int src = b.source("events");
            int typeCount = new int[] {70, 6, 14, 30}[(int) seed - 1];    // masks of 8, 1, 2 and 4 bytes
            for (int id = 0; id < typeCount; id++) {
                b.types().define(id, "t" + id, List.of());
            }
            for (int u = 0; u < 2000; u++) {
                int user = b.users().internLong(u);
                long t = T0 + 3600L * r.nextInt(24 * 200);
                long stay = r.nextInt(4) == 0 ? 86_400L * 100 : 3600L * 30;
                int n = r.nextInt(6);
                for (int i = 0; i < n; i++) {
                    b.append(src, user, b.types().codeOfId(r.nextInt(typeCount)),
                            t + (r.nextInt(4) == 0 ? 0 : r.nextLong(stay)));
                }
            }
            EventStore store = b.build(2);
            // 12 bytes and a bit per user, 8 per block of users, postings at most a byte per event
            assertTrue(store.indexBytes() > 0 && store.indexBytes() <= 13L * store.userCount() + store.eventCount()
                    + 8L * store.segments().size() * (store.userCount() / SegmentIndex.TIME_BLOCK + 2));
            for (Segment s : store.segments()) {
                check("seed " + seed, s);
            }
        }
    }

    private static void check(String where, Segment s) {
        SegmentIndex index = s.index();
        int[] offsets = s.offsets();
        int[] times = s.times();
        short[] types = s.types();
        int users = s.userCount();
        long all = 0;
        for (int u = 0; u < users; u++) {
            long mask = 0;
            boolean ties = false;
            for (int p = offsets[u]; p < offsets[u + 1]; p++) {
                mask |= SegmentIndex.bit(types[p]);
                ties |= p > offsets[u] && times[p] == times[p - 1];
            }
            assertEquals(mask, index.mask(u), where + " mask of user " + u);
            all |= mask;
            assertEquals(ties, index.hasTies(u), where + " ties of user " + u);
        }
        int bits = 64 - Long.numberOfLeadingZeros(all);
        assertEquals(bits <= 8 ? 1 : bits <= 16 ? 2 : bits <= 32 ? 4 : 8, index.maskWidth(), where + " mask width");
        long kept = 0;
        for (int type = 0; type < 80; type++) {
            int[] list = index.postings(type);
            if (list == null) {
                continue;
            }
            int n = 0;
            for (int p = 0; p < types.length; p++) {
                if (types[p] == type) {
                    assertEquals(p, list[n++], where + " posting of type " + type);
                }
            }
            assertEquals(n, list.length, where + " postings of type " + type);
            assertTrue(16L * n <= types.length, where + ": only rare types are kept");
            kept += n;
        }
        assertTrue(4 * kept <= types.length, where + ": postings hold at most a quarter of the events");
        int[] order = index.byFirstTime();
        int[] sorted = order.clone();
        Arrays.sort(sorted);
        int[] identity = new int[users];
        Arrays.setAll(identity, u -> u);
        assertArrayEquals(identity, sorted, where + ": the time order is a permutation of the users");
        for (int b = 0; b < index.timeBlocks(); b++) {
            for (int i = b * SegmentIndex.TIME_BLOCK; i < Math.min(users, (b + 1) * SegmentIndex.TIME_BLOCK); i++) {
                int u = order[i];
                if (offsets[u] == offsets[u + 1]) {
                    continue;
                }
                int first = times[offsets[u]];
                int last = times[offsets[u + 1] - 1];
                // a block "may overlap" a one-second range at each of the user's events' times
                assertTrue(index.blockMayOverlap(b, first, first + 1) && index.blockMayOverlap(b, last, last + 1),
                        where + ": block " + b + " must cover user " + u);
            }
        }
    }

    @Test
    void typesFromSixtyThreeOnShareTheLastBit() {
        assertEquals(1L << 5, SegmentIndex.bit(5));
        assertEquals(Long.MIN_VALUE, SegmentIndex.bit(63));
        assertEquals(Long.MIN_VALUE, SegmentIndex.bit(200));
        boolean[] types = new boolean[100];
        types[1] = true;
        types[99] = true;
        assertEquals(2L | Long.MIN_VALUE, SegmentIndex.maskOf(types));
    }
}
