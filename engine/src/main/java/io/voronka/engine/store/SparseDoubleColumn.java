package io.voronka.engine.store;

import java.util.Arrays;

/** A numeric column (payment amount, call duration) present only on the events of sources that declare it. */
public final class SparseDoubleColumn {
    private final PresenceIndex presence;
    private final double[] values;

    SparseDoubleColumn(PresenceIndex presence, double[] values) {
        assert presence.cardinality() == values.length;
        this.presence = presence;
        this.values = values;
    }

    /** A column from its presence bits and the values of the present events, in event order. */
    public static SparseDoubleColumn of(long[] bits, double[] values) {
        PresenceIndex presence = new PresenceIndex(bits);
        if (presence.cardinality() != values.length) {
            throw new IllegalArgumentException(presence.cardinality() + " events present, " + values.length + " values");
        }
        return new SparseDoubleColumn(presence, values);
    }

    /** This column's values over {@code same}, a presence index with the same bits (shared between columns). */
    SparseDoubleColumn withPresence(PresenceIndex same) {
        assert Arrays.equals(same.bits(), presence.bits());
        return same == presence ? this : new SparseDoubleColumn(same, values);
    }

    /** This column over the events {@code [starts[i], ends[i])} only, one range after the other (values copied). */
    SparseDoubleColumn gather(int[] starts, int[] ends, int events) {
        PresenceIndex gathered = presence.gather(starts, ends, events);
        double[] kept = new double[gathered.cardinality()];
        presence.forEachRankRun(starts, ends, (from, at, count) -> System.arraycopy(values, from, kept, at, count));
        return new SparseDoubleColumn(gathered, kept);
    }

    public PresenceIndex presence() {
        return presence;
    }

    /** The values of present events. Shared, not copied: callers must not write. */
    public double[] packedValues() {
        return values;
    }

    public boolean has(int event) {
        return presence.has(event);
    }

    /** The value of an event, or {@code missing} when the event has none. */
    public double get(int event, double missing) {
        return presence.has(event) ? values[presence.rank(event)] : missing;
    }

    public long bytes() {
        return presence.bytes() + 8L * values.length;
    }
}
