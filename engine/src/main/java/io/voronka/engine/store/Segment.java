package io.voronka.engine.store;

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
 * Plain events cost 6 bytes (type + time) plus 4 bytes per user for the offsets.
 */
public final class Segment {
    private final int firstUser;
    private final int[] offsets;
    private final short[] types;
    private final int[] times;
    private final SparseDoubleColumn values;
    private final SparseIntColumn[] dimensions;

    Segment(int firstUser, int[] offsets, short[] types, int[] times, SparseDoubleColumn values,
            SparseIntColumn[] dimensions) {
        assert types.length == times.length && offsets[offsets.length - 1] == types.length;
        this.firstUser = firstUser;
        this.offsets = offsets;
        this.types = types;
        this.times = times;
        this.values = values;
        this.dimensions = dimensions;
    }

    /** A segment from columns built before (a snapshot); the arrays are taken, not copied. */
    public static Segment of(int firstUser, int[] offsets, short[] types, int[] times, SparseDoubleColumn values,
                             SparseIntColumn[] dimensions) {
        if (types.length != times.length || offsets.length == 0 || offsets[offsets.length - 1] != types.length) {
            throw new IllegalArgumentException("segment columns disagree: " + types.length + " types, "
                    + times.length + " times, offsets end at "
                    + (offsets.length == 0 ? "nothing" : offsets[offsets.length - 1]));
        }
        return new Segment(firstUser, offsets, types, times, values, dimensions.clone());
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

    public long bytes() {
        long bytes = 4L * offsets.length + 2L * types.length + 4L * times.length;
        if (values != null) {
            bytes += values.bytes();
        }
        for (SparseIntColumn dim : dimensions) {
            bytes += dim.bytes();
        }
        return bytes;
    }
}
