package io.voronka.engine.store;

/** A dictionary-coded dimension (ad source, device, operator group) present only where a source declares it. */
public final class SparseIntColumn {
    /** Returned by {@link #get} for an event that has no value in this column. */
    public static final int MISSING = -1;

    private final PresenceIndex presence;
    private final int[] codes;

    SparseIntColumn(PresenceIndex presence, int[] codes) {
        assert presence.cardinality() == codes.length;
        this.presence = presence;
        this.codes = codes;
    }

    /** A column from its presence bits and the codes of the present events, in event order. */
    public static SparseIntColumn of(long[] bits, int[] codes) {
        PresenceIndex presence = new PresenceIndex(bits);
        if (presence.cardinality() != codes.length) {
            throw new IllegalArgumentException(presence.cardinality() + " events present, " + codes.length + " codes");
        }
        return new SparseIntColumn(presence, codes);
    }

    public PresenceIndex presence() {
        return presence;
    }

    /** The codes of present events. Shared, not copied: callers must not write. */
    public int[] packedCodes() {
        return codes;
    }

    public int get(int event) {
        return presence.has(event) ? codes[presence.rank(event)] : MISSING;
    }

    /** Adds one to {@code counts[code]} for every event that has a value here; {@code counts} covers every code. */
    public void countValues(long[] counts) {
        final int[] column = codes;
        for (int code : column) {
            counts[code]++;
        }
    }

    public long bytes() {
        return presence.bytes() + 4L * codes.length;
    }
}
