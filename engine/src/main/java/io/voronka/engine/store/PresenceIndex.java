package io.voronka.engine.store;

/**
 * Which events of a segment carry an optional column, with O(1) rank so the column stores values only for
 * those events.
 *
 * <pre>
 * bits:       one bit per event (word w covers events 64w..64w+63)
 * rankBefore: rankBefore[w] = number of set bits in words 0..w-1
 * value of event e lives at index rankBefore[e>>>6] + bitCount(bits[e>>>6] &amp; ((1L&lt;&lt;e)-1))
 * </pre>
 * Cost: 1.5 bits per event of the segment, plus the packed values.
 */
public final class PresenceIndex {
    private final long[] bits;
    private final int[] rankBefore;
    private final int cardinality;

    PresenceIndex(long[] bits) {
        this.bits = bits;
        this.rankBefore = new int[bits.length + 1];
        int rank = 0;
        for (int w = 0; w < bits.length; w++) {
            rankBefore[w] = rank;
            rank += Long.bitCount(bits[w]);
        }
        rankBefore[bits.length] = rank;
        this.cardinality = rank;
    }

    static long[] newBits(int events) {
        return new long[(events + 63) >>> 6];
    }

    /** The bits of events {@code [starts[i], ends[i])}, one range after the other: {@code events} bits in all. */
    PresenceIndex gather(int[] starts, int[] ends, int events) {
        long[] gathered = newBits(events);
        int at = 0;
        for (int i = 0; i < starts.length; i++) {
            SegmentMerge.copyBits(bits, starts[i], gathered, at, ends[i] - starts[i]);
            at += ends[i] - starts[i];
        }
        return new PresenceIndex(gathered);
    }

    /** Present events before {@code event}, also for {@code event} past the last word (the segment's end). */
    int rankBefore(int event) {
        return (event >>> 6) >= bits.length ? cardinality : rank(event);
    }

    /** Where a column's packed values go when {@link #gather} keeps some ranges of events. */
    @FunctionalInterface
    interface RankRun {
        /** The values of ranks {@code [from, from+count)} go to {@code at} in the gathered column. */
        void copy(int from, int at, int count);
    }

    /**
     * For each range {@code [starts[i], ends[i])}, in order, hands {@code run} the ranks of its present events and
     * where they go in a column {@link #gather gathered} over the same ranges.
     */
    void forEachRankRun(int[] starts, int[] ends, RankRun run) {
        int at = 0;
        for (int i = 0; i < starts.length; i++) {
            int from = rankBefore(starts[i]);
            int count = rankBefore(ends[i]) - from;
            run.copy(from, at, count);
            at += count;
        }
    }

    /** One bit per event. Shared, not copied: callers must not write. */
    public long[] bits() {
        return bits;
    }

    public boolean has(int event) {
        return (bits[event >>> 6] & (1L << event)) != 0;
    }

    /** Number of present events before {@code event}: the index of its value when {@link #has} is true. */
    public int rank(int event) {
        int w = event >>> 6;
        return rankBefore[w] + Long.bitCount(bits[w] & ((1L << event) - 1));
    }

    public int cardinality() {
        return cardinality;
    }

    long bytes() {
        return 8L * bits.length + 4L * rankBefore.length;
    }
}
