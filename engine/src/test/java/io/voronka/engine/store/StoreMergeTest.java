package io.voronka.engine.store;

import io.voronka.engine.snapshot.SameStore;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * A store built once from all rows equals one built from the first rows and then merged with the rest in random
 * batches (new users, old users, rows repeated from earlier batches, rows without value or dimensions, empty
 * batches), with segments small enough that some are merged and some shared.
 */
class StoreMergeTest {
    /** One generated row: user key, event id, time, value (NaN none), device (null none). */
    private record Row(long user, int event, long time, double value, String device, boolean payment) {
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 12})
    void mergingBatchesEqualsBuildingAllRowsAtOnce(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Row> rows = new ArrayList<>();
        int maxSegment = seed % 3 == 0 ? StoreBuilder.DEFAULT_MAX_SEGMENT_EVENTS : 1 + random.nextInt(400);
        int users = 20 + random.nextInt(200);
        for (int i = 0; i < 2_000 + (seed % 3 == 0 ? 20_000 : 0); i++) {
            boolean payment = random.nextInt(5) == 0;
            Row row = new Row(1000 + random.nextInt(users) * 3L, random.nextInt(6),
                    1_600_000_000L + random.nextInt(50_000) * 60L,
                    payment && random.nextBoolean() ? random.nextInt(5) * 100.0 : Double.NaN,
                    random.nextInt(3) == 0 ? null : "d" + random.nextInt(4), payment);
            rows.add(row);
            if (random.nextInt(10) == 0 && !rows.isEmpty()) {
                rows.add(rows.get(random.nextInt(rows.size())));
            }
        }
        String where = "seed " + seed + ", segments of " + maxSegment;
        EventStore whole = build(rows, maxSegment);

        int initial = random.nextInt(rows.size() / 2);
        EventStore merged = build(rows.subList(0, initial), maxSegment);
        int at = initial;
        while (at < rows.size()) {
            int size = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(300);
            int end = Math.min(rows.size(), at + size);
            // the overlap: a few rows before the batch are read again
            int from = Math.max(0, at - random.nextInt(20));
            EventStore before = merged;
            merged = merge(merged, rows.subList(from, end));
            if (from == end) {
                for (int i = 0; i < before.segments().size(); i++) {
                    assertSame(before.segments().get(i), merged.segments().get(i), "an empty batch shares segments");
                }
            }
            at = end;
        }
        SameStore.assertSameData(withoutReadCounts(whole), withoutReadCounts(merged));
        assertEquals(whole.eventCount(), merged.eventCount(), where);
    }

    private static EventStore build(List<Row> rows, int maxSegment) {
        StoreBuilder b = new StoreBuilder(UserKeyKind.INT64, ZoneOffset.UTC).maxSegmentEvents(maxSegment);
        register(b);
        append(b, rows);
        return b.build(2);
    }

    private static EventStore merge(EventStore base, List<Row> rows) {
        StoreBuilder b = StoreBuilder.continuing(base);
        register(b);
        append(b, rows);
        return b.mergeInto(base, 2);
    }

    private static void register(StoreBuilder b) {
        b.source("events");
        b.source("payments");
        b.dimension("device");
    }

    private static void append(StoreBuilder b, List<Row> rows) {
        for (Row r : rows) {
            int row = b.append(r.payment ? 1 : 0, b.users().internLong(r.user),
                    r.payment ? b.types().constant("pay") : b.types().codeForId(r.event), r.time);
            if (!Double.isNaN(r.value)) {
                b.value(row, r.value);
            }
            if (r.device != null) {
                b.dimensionValue(row, 0, b.dimensionAt(0).intern(r.device));
            }
        }
    }

    /** Rows read differ (a refresh re-reads its overlap); what is kept must not. */
    private static EventStore withoutReadCounts(EventStore store) {
        List<SourceReport> kept = new ArrayList<>();
        for (SourceReport r : store.report()) {
            kept.add(new SourceReport(r.source(), r.kept(), r.kept(), java.util.Map.of(), 0, 0, -1));
        }
        return EventStore.assemble(store.segments(), store.types(), store.users(), store.dimensions(), store.zone(),
                kept, store.minTime(), store.maxTime(), store.costs());
    }
}
