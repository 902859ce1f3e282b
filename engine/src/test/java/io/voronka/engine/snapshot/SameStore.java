package io.voronka.engine.snapshot;

import io.voronka.engine.store.EventStore;
import io.voronka.engine.store.Segment;
import io.voronka.engine.store.SegmentIndex;
import io.voronka.engine.store.SparseIntColumn;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two stores hold the same data when every column, dictionary, key and report is equal. */
public final class SameStore {
    private SameStore() {
    }

    /** The same data laid out in the same segments. */
    public static void assertSame(EventStore expected, EventStore actual) {
        assertSameData(expected, actual);
        assertSameSegments(expected, actual);
    }

    /** The same users, events, dictionaries and reports, however the users are split into segments. */
    public static void assertSameData(EventStore expected, EventStore actual) {
        assertEquals(expected.zone(), actual.zone(), "zone");
        assertEquals(expected.userCount(), actual.userCount(), "users");
        assertEquals(expected.eventCount(), actual.eventCount(), "events");
        assertEquals(expected.minTime(), actual.minTime(), "min time");
        assertEquals(expected.maxTime(), actual.maxTime(), "max time");
        assertEquals(expected.report(), actual.report(), "source reports");
        assertEquals(expected.types().size(), actual.types().size(), "event types");
        for (int c = 0; c < expected.types().size(); c++) {
            assertEquals(expected.types().name(c), actual.types().name(c), "type name " + c);
            assertEquals(expected.types().externalId(c), actual.types().externalId(c), "type id " + c);
            assertEquals(expected.types().aliases(c), actual.types().aliases(c), "type aliases " + c);
        }
        assertEquals(expected.types().nameIndex(), actual.types().nameIndex(), "type names");
        assertEquals(expected.dimensions().size(), actual.dimensions().size(), "dimensions");
        for (int d = 0; d < expected.dimensions().size(); d++) {
            assertEquals(expected.dimensions().get(d).name(), actual.dimensions().get(d).name(), "dimension " + d);
            assertEquals(expected.dimensions().get(d).values(), actual.dimensions().get(d).values(), "values " + d);
        }
        assertEquals(expected.costs().rows(), actual.costs().rows(), "cost rows");
        assertEquals(expected.costs().dimension(), actual.costs().dimension(), "cost dimension");
        for (int r = 0; r < expected.costs().rows(); r++) {
            assertEquals(expected.costs().group(r), actual.costs().group(r), "cost group " + r);
            assertEquals(expected.costs().time(r), actual.costs().time(r), "cost time " + r);
            assertEquals(expected.costs().amount(r), actual.costs().amount(r), "cost amount " + r);
        }
        for (int u = 0; u < expected.userCount(); u++) {
            String key = expected.users().key(u);
            assertEquals(key, actual.users().key(u), "key of user " + u);
            assertEquals(u, actual.users().find(key), "id of key " + key);
        }
        assertEquals(events(expected), events(actual), "events per user");
    }

    /** Per user, each event as text: type code, time, value, dimension codes. */
    private static List<String> events(EventStore store) {
        List<String> out = new ArrayList<>();
        for (Segment s : store.segments()) {
            for (int u = 0; u < s.userCount(); u++) {
                StringBuilder sb = new StringBuilder().append(s.firstUser() + u).append(':');
                for (int e = s.offsets()[u]; e < s.offsets()[u + 1]; e++) {
                    sb.append(' ').append(s.types()[e]).append('@').append(s.times()[e]);
                    if (s.values() != null && s.values().has(e)) {
                        sb.append('=').append(s.values().get(e, 0));
                    }
                    for (int d = 0; d < store.dimensions().size(); d++) {
                        sb.append('/').append(s.dimension(d).get(e));
                    }
                }
                out.add(sb.toString());
            }
        }
        return out;
    }

    private static void assertSameSegments(EventStore expected, EventStore actual) {
        assertEquals(expected.segments().size(), actual.segments().size(), "segments");
        for (int i = 0; i < expected.segments().size(); i++) {
            Segment e = expected.segments().get(i);
            Segment a = actual.segments().get(i);
            String where = "segment " + i + ": ";
            assertEquals(e.firstUser(), a.firstUser(), where + "first user");
            assertArrayEquals(e.offsets(), a.offsets(), where + "offsets");
            assertArrayEquals(e.types(), a.types(), where + "types");
            assertArrayEquals(e.times(), a.times(), where + "times");
            if (e.values() == null) {
                assertNull(a.values(), where + "values");
            } else {
                assertArrayEquals(e.values().presence().bits(), a.values().presence().bits(), where + "value bits");
                assertArrayEquals(e.values().packedValues(), a.values().packedValues(), where + "values");
            }
            for (int d = 0; d < expected.dimensions().size(); d++) {
                SparseIntColumn ec = e.dimension(d);
                SparseIntColumn ac = a.dimension(d);
                assertArrayEquals(ec.presence().bits(), ac.presence().bits(), where + "bits of dimension " + d);
                assertArrayEquals(ec.codes(), ac.codes(), where + "codes of dimension " + d);
            }
            assertSameIndex(e.index(), a.index(), expected.types().size(), where);
        }
    }

    /**
     * Every segment's index is the one its columns give (issue 16): a store made by a refresh or reopened from a
     * snapshot must not keep an index of other columns. Compared with an index built afresh by {@link Segment#of}.
     */
    public static void assertIndexesFitColumns(EventStore store) {
        for (int i = 0; i < store.segments().size(); i++) {
            Segment s = store.segments().get(i);
            assertTrue(s.index() != null, "segment " + i + " has an index");
            SparseIntColumn[] dims = new SparseIntColumn[store.dimensions().size()];
            for (int d = 0; d < dims.length; d++) {
                dims[d] = s.dimension(d);
            }
            Segment fresh = Segment.of(s.firstUser(), s.offsets(), s.types(), s.times(), s.values(), dims);
            assertSameIndex(fresh.index(), s.index(), store.types().size(), "segment " + i + ": ");
        }
    }

    private static void assertSameIndex(SegmentIndex e, SegmentIndex a, int types, String where) {
        assertEquals(e.maskWidth(), a.maskWidth(), where + "index: mask width");
        assertArrayEquals(e.byFirstTime(), a.byFirstTime(), where + "index: time order");
        assertEquals(e.timeBlocks(), a.timeBlocks(), where + "index: time blocks");
        assertEquals(e.minTime(), a.minTime(), where + "index: min time");
        assertEquals(e.maxTime(), a.maxTime(), where + "index: max time");
        assertArrayEquals(e.blockMinFirst(), a.blockMinFirst(), where + "index: block min first");
        assertArrayEquals(e.blockMaxLast(), a.blockMaxLast(), where + "index: block max last");
        assertArrayEquals(e.tieBits(), a.tieBits(), where + "index: same-second bits");
        assertEquals(e.postingLists().length, a.postingLists().length, where + "index: types with postings");
        for (int u = 0; u < e.byFirstTime().length; u++) {
            assertEquals(e.mask(u), a.mask(u), where + "index: type mask of user " + u);
            assertEquals(e.hasTies(u), a.hasTies(u), where + "index: same-second bit of user " + u);
        }
        for (int t = 0; t < types; t++) {
            assertEquals(e.hasPostings(t), a.hasPostings(t), where + "index: postings kept of type " + t);
            if (e.hasPostings(t)) {
                assertArrayEquals(e.postings(t), a.postings(t), where + "index: postings of type " + t);
            }
        }
    }
}
