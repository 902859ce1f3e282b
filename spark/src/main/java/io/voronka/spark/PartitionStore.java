package io.voronka.spark;

import io.voronka.engine.store.EventStore;
import io.voronka.engine.store.SkipReason;
import io.voronka.engine.store.StoreBuilder;
import io.voronka.engine.store.UserKeyKind;
import org.apache.spark.sql.Row;

import java.util.Iterator;

/**
 * One user partition built into the engine's own columnar store. Lives in an executor's memory (cached RDD
 * element, never serialized); queries run on it and send back only their results.
 *
 * <p>Rows arrive as {@link EventRows#COLUMNS} sorted by (user, time), so dense user ids follow the key order: a
 * drill-down page of a partition is its first users in key order, and pages merge by key.
 */
final class PartitionStore {
    private final int partition;
    private final EventStore store;
    private final long rows;
    private final long buildNanos;
    private final long sortNanos;

    private PartitionStore(int partition, EventStore store, long rows, long buildNanos, long sortNanos) {
        this.partition = partition;
        this.store = store;
        this.rows = rows;
        this.buildNanos = buildNanos;
        this.sortNanos = sortNanos;
    }

    int partition() {
        return partition;
    }

    EventStore store() {
        return store;
    }

    /** Figures of the build, for the driver's time span and the stage report. */
    PartitionStats stats() {
        return new PartitionStats(partition, rows, store.eventCount(), store.userCount(), store.minTime(),
                store.maxTime(), buildNanos, sortNanos);
    }

    /** Builds the store of one partition from its rows; one row object at a time, nothing kept per row. */
    static PartitionStore build(int partition, Iterator<Row> input, StoreLayout layout) {
        long start = System.nanoTime();
        StoreBuilder builder = layout.newBuilder();
        int sources = layout.sources().size();
        int[] constantType = new int[sources];
        for (int s = 0; s < sources; s++) {
            String constant = layout.constants().get(s);
            constantType[s] = constant == null ? -1 : builder.types().constant(constant);
        }
        int dimensions = layout.dimensions().size();
        boolean textKeys = layout.keyKind() != UserKeyKind.INT64;
        long rows = 0;
        input.hasNext();
        long sortNanos = System.nanoTime() - start;
        while (input.hasNext()) {
            Row r = input.next();
            rows++;
            int source = r.getInt(EventRows.SOURCE);
            if (r.isNullAt(EventRows.USER)) {
                builder.skip(source, SkipReason.NULL_USER);
                continue;
            }
            if (r.isNullAt(EventRows.TIME)) {
                builder.skip(source, SkipReason.NULL_TIME);
                continue;
            }
            int type = constantType[source];
            if (type < 0) {
                if (!r.isNullAt(EventRows.TYPE_ID)) {
                    type = builder.types().codeForId(r.getLong(EventRows.TYPE_ID));
                } else if (!r.isNullAt(EventRows.TYPE_NAME)) {
                    String name = r.getString(EventRows.TYPE_NAME);
                    int code = builder.types().codeOfName(name);
                    type = code >= 0 ? code : builder.types().constant(name);
                } else {
                    builder.skip(source, SkipReason.NULL_TYPE);
                    continue;
                }
            }
            int user;
            try {
                user = textKeys ? builder.users().internText(r.get(EventRows.USER).toString())
                        : builder.users().internLong(r.getLong(EventRows.USER));
            } catch (IllegalArgumentException e) {
                builder.skip(source, SkipReason.BAD_USER_KEY);
                continue;
            }
            int row = builder.append(source, user, type, r.getLong(EventRows.TIME));
            if (row < 0) {
                continue;
            }
            if (!r.isNullAt(EventRows.VALUE)) {
                builder.value(row, r.getDouble(EventRows.VALUE));
            }
            for (int d = 0; d < dimensions; d++) {
                int at = EventRows.FIRST_DIMENSION + d;
                if (!r.isNullAt(at)) {
                    builder.dimensionValue(row, d, builder.dimensionAt(d).intern(r.getString(at)));
                }
            }
        }
        EventStore store = builder.build(1);
        return new PartitionStore(partition, store, rows, System.nanoTime() - start, sortNanos);
    }
}
