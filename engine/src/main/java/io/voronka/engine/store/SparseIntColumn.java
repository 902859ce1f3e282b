package io.voronka.engine.store;

import java.util.Arrays;

/**
 * A dictionary-coded dimension (ad source, device, operator group) present only where a source declares it.
 *
 * <pre>
 * presence          which events have a code (PresenceIndex: 1.5 bits per event)
 * bytes | chars | ints   the codes of present events in event order, in the narrowest array that holds the
 *                   segment's largest code: byte (&lt; 256 codes), char (&lt; 65,536), int; the other two are null
 * </pre>
 * Most dimensions have a few dozen values, so a code usually costs one byte, not four.
 */
public final class SparseIntColumn {
    /** Returned by {@link #get} for an event that has no value in this column. */
    public static final int MISSING = -1;

    private final PresenceIndex presence;
    private final byte[] bytes;
    private final char[] chars;
    private final int[] ints;
    private final int count;

    SparseIntColumn(PresenceIndex presence, int[] codes) {
        assert presence.cardinality() == codes.length;
        this.presence = presence;
        this.count = codes.length;
        int max = 0;
        for (int code : codes) {
            if (code < 0) {
                throw new IllegalArgumentException("negative dimension code " + code);
            }
            max = Math.max(max, code);
        }
        if (max < 1 << 8) {
            bytes = new byte[codes.length];
            for (int i = 0; i < codes.length; i++) {
                bytes[i] = (byte) codes[i];
            }
            chars = null;
            ints = null;
        } else if (max < 1 << 16) {
            bytes = null;
            chars = new char[codes.length];
            for (int i = 0; i < codes.length; i++) {
                chars[i] = (char) codes[i];
            }
            ints = null;
        } else {
            bytes = null;
            chars = null;
            ints = codes;
        }
    }

    /** A column from its presence bits and the codes of the present events, in event order. */
    public static SparseIntColumn of(long[] bits, int[] codes) {
        PresenceIndex presence = new PresenceIndex(bits);
        if (presence.cardinality() != codes.length) {
            throw new IllegalArgumentException(presence.cardinality() + " events present, " + codes.length + " codes");
        }
        return new SparseIntColumn(presence, codes);
    }

    private SparseIntColumn(PresenceIndex presence, SparseIntColumn codes) {
        this.presence = presence;
        this.bytes = codes.bytes;
        this.chars = codes.chars;
        this.ints = codes.ints;
        this.count = codes.count;
    }

    /** This column's codes over {@code same}, a presence index with the same bits (shared between columns). */
    SparseIntColumn withPresence(PresenceIndex same) {
        assert Arrays.equals(same.bits(), presence.bits());
        return same == presence ? this : new SparseIntColumn(same, this);
    }

    /** This column over the events {@code [starts[i], ends[i])} only, one range after the other (codes copied). */
    SparseIntColumn gather(int[] starts, int[] ends, int events) {
        PresenceIndex gathered = presence.gather(starts, ends, events);
        int[] codes = new int[gathered.cardinality()];
        presence.forEachRankRun(starts, ends, (from, at, count) -> copyCodes(from, codes, at, count));
        return new SparseIntColumn(gathered, codes);
    }

    public PresenceIndex presence() {
        return presence;
    }

    /** The code of the {@code rank}-th present event. */
    public int code(int rank) {
        return bytes != null ? bytes[rank] & 0xFF : chars != null ? chars[rank] : ints[rank];
    }

    /** The codes of present events, in event order: a new array. */
    public int[] codes() {
        int[] out = new int[count];
        copyCodes(0, out, 0, count);
        return out;
    }

    /** Copies the codes of present events {@code from .. from+len} (ranks) into {@code dest} at {@code at}. */
    public void copyCodes(int from, int[] dest, int at, int len) {
        if (ints != null) {
            System.arraycopy(ints, from, dest, at, len);
        } else if (chars != null) {
            for (int i = 0; i < len; i++) {
                dest[at + i] = chars[from + i];
            }
        } else {
            for (int i = 0; i < len; i++) {
                dest[at + i] = bytes[from + i] & 0xFF;
            }
        }
    }

    /** Bytes per stored code: 1, 2 or 4. */
    public int codeWidth() {
        return bytes != null ? 1 : chars != null ? 2 : 4;
    }

    public int get(int event) {
        return presence.has(event) ? code(presence.rank(event)) : MISSING;
    }

    /** Adds one to {@code counts[code]} for every event that has a value here; {@code counts} covers every code. */
    public void countValues(long[] counts) {
        if (bytes != null) {
            for (byte code : bytes) {
                counts[code & 0xFF]++;
            }
        } else if (chars != null) {
            for (char code : chars) {
                counts[code]++;
            }
        } else {
            for (int code : ints) {
                counts[code]++;
            }
        }
    }

    public long bytes() {
        return presence.bytes() + (long) codeWidth() * count;
    }
}
