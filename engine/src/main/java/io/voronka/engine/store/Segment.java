package io.voronka.engine.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * A contiguous range of users and all their events, in CSR layout.
 *
 * <pre>
 * users u = firstUser .. firstUser+userCount-1 (global dense ids)
 * events of u:  [offsets[u-firstUser], offsets[u-firstUser+1])   sorted by (time, type)
 * types[e]  short  event-type code (EventTypes)
 * times[e]  int    seconds since 2000-01-01T00:00Z (Times.EPOCH)
 * values, dims: sparse, only on events whose source declares them
 * </pre>
 * Plain events cost 6 bytes (type + time) plus 4 bytes per user for the offsets; optional columns cost their
 * packed entries (a dimension code usually 1 byte) plus a {@link PresenceIndex} shared by the columns that have the
 * same presence bits; the {@link SegmentIndex} is counted apart ({@link SegmentIndex#bytes()}).
 */
public final class Segment {
    private final int firstUser;
    private final int[] offsets;
    private final short[] types;
    private final int[] times;
    private final SparseDoubleColumn values;
    private final SparseIntColumn[] dimensions;
    private final SegmentIndex index;

    Segment(int firstUser, int[] offsets, short[] types, int[] times, SparseDoubleColumn values,
            SparseIntColumn[] dimensions, SegmentIndex index) {
        assert types.length == times.length && offsets[offsets.length - 1] == types.length;
        this.firstUser = firstUser;
        this.offsets = offsets;
        this.types = types;
        this.times = times;
        this.values = values;
        this.dimensions = dimensions;
        this.index = index;
        sharePresence();
    }

    /**
     * Columns filled by the same sources have the same presence bits (a payment's amount, product and manager):
     * they share one {@link PresenceIndex}, so its 1.5 bits per event are held once.
     */
    private void sharePresence() {
        List<PresenceIndex> seen = new ArrayList<>();
        if (values != null) {
            seen.add(values.presence());
        }
        for (int d = 0; d < dimensions.length; d++) {
            PresenceIndex p = dimensions[d].presence();
            PresenceIndex same = sameBits(seen, p);
            if (same == null) {
                seen.add(p);
            } else {
                dimensions[d] = dimensions[d].withPresence(same);
            }
        }
    }

    private static PresenceIndex sameBits(List<PresenceIndex> seen, PresenceIndex p) {
        for (PresenceIndex q : seen) {
            if (q == p || q.cardinality() == p.cardinality() && Arrays.equals(q.bits(), p.bits())) {
                return q;
            }
        }
        return null;
    }

    /** Per-user summaries (types present, order by first time) for skipping users a query cannot touch. */
    public SegmentIndex index() {
        return index;
    }

    /** A segment of columns made elsewhere (a refresh's merge), its index built here; the arrays are taken. */
    public static Segment of(int firstUser, int[] offsets, short[] types, int[] times, SparseDoubleColumn values,
                             SparseIntColumn[] dimensions) {
        checkColumns(offsets, types, times);
        // a merge changes the users: the index is built here (issue 16)
        return new Segment(firstUser, offsets, types, times, values, dimensions.clone(),
                SegmentIndex.of(offsets, types, times));
    }

    /**
     * A segment read back from a snapshot with the index written beside it ({@link SegmentIndex#restore}, made for
     * these columns); the arrays are taken, not copied.
     */
    public static Segment of(int firstUser, int[] offsets, short[] types, int[] times, SparseDoubleColumn values,
                             SparseIntColumn[] dimensions, SegmentIndex index) {
        checkColumns(offsets, types, times);
        if (index.byFirstTime().length != offsets.length - 1) {
            throw new IllegalArgumentException("index of " + index.byFirstTime().length + " users for a segment of "
                    + (offsets.length - 1));
        }
        return new Segment(firstUser, offsets, types, times, values, dimensions.clone(), index);
    }

    /**
     * Every {@code step}-th user of this segment (users 0, step, 2·step, …) and their events, copied into a segment
     * of their own with its own index: a sample spread over the whole segment, so shaped like its data (what the JIT
     * warm-up runs on, see dsl's {@code Warmup}). Users are numbered anew from {@link #firstUser}: user ids in the
     * sample are not this segment's.
     */
    public Segment everyNth(int step) {
        if (step < 1) {
            throw new IllegalArgumentException("step must be at least 1, was " + step);
        }
        int users = (userCount() + step - 1) / step;
        int[] starts = new int[users];
        int[] ends = new int[users];
        int[] sampled = new int[users + 1];
        for (int i = 0; i < users; i++) {
            starts[i] = offsets[i * step];
            ends[i] = offsets[i * step + 1];
            sampled[i + 1] = sampled[i] + ends[i] - starts[i];
        }
        int events = sampled[users];
        short[] sampledTypes = new short[events];
        int[] sampledTimes = new int[events];
        for (int i = 0; i < users; i++) {
            System.arraycopy(types, starts[i], sampledTypes, sampled[i], ends[i] - starts[i]);
            System.arraycopy(times, starts[i], sampledTimes, sampled[i], ends[i] - starts[i]);
        }
        SparseIntColumn[] sampledDimensions = new SparseIntColumn[dimensions.length];
        for (int d = 0; d < dimensions.length; d++) {
            sampledDimensions[d] = dimensions[d].gather(starts, ends, events);
        }
        return of(firstUser, sampled, sampledTypes, sampledTimes,
                values == null ? null : values.gather(starts, ends, events), sampledDimensions);
    }

    private static void checkColumns(int[] offsets, short[] types, int[] times) {
        if (types.length != times.length || offsets.length == 0 || offsets[offsets.length - 1] != types.length) {
            throw new IllegalArgumentException("segment columns disagree: " + types.length + " types, "
                    + times.length + " times, offsets end at "
                    + (offsets.length == 0 ? "nothing" : offsets[offsets.length - 1]));
        }
    }

    public int firstUser() {
        return firstUser;
    }

    public int userCount() {
        return offsets.length - 1;
    }

    public int eventCount() {
        return types.length;
    }

    /** Per-user offsets (length userCount+1). Shared, not copied: callers must not write. */
    public int[] offsets() {
        return offsets;
    }

    /** Event types. Shared, not copied: callers must not write. */
    public short[] types() {
        return types;
    }

    /** Event times in seconds since {@link Times#EPOCH}. Shared, not copied: callers must not write. */
    public int[] times() {
        return times;
    }

    /** The value column, or null when no source declares a value. */
    public SparseDoubleColumn values() {
        return values;
    }

    /** The column of dimension {@code d} (an index into {@link EventStore#dimensions()}). */
    public SparseIntColumn dimension(int d) {
        return dimensions[d];
    }

    public int dimensionCount() {
        return dimensions.length;
    }

    /** Heap held by the columns; a presence index shared by several columns counts once. */
    public long bytes() {
        long bytes = 4L * offsets.length + 2L * types.length + 4L * times.length;
        Set<PresenceIndex> presences = Collections.newSetFromMap(new IdentityHashMap<>());
        if (values != null) {
            bytes += values.bytes() - values.presence().bytes();
            presences.add(values.presence());
        }
        for (SparseIntColumn dim : dimensions) {
            bytes += dim.bytes() - dim.presence().bytes();
            presences.add(dim.presence());
        }
        for (PresenceIndex p : presences) {
            bytes += p.bytes();
        }
        return bytes;
    }
}
