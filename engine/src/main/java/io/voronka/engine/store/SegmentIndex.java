package io.voronka.engine.store;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * Summaries of a segment's users, built at load (and kept in a snapshot), so that a query visits only the users it
 * can touch.
 *
 * <pre>
 * mask(u)           bit min(type, 63) set  ⇔  user u has an event of that type (bit 63 stands for every type ≥ 63);
 *                   held in a byte, short, int or long per user: the narrowest that holds the segment's highest bit
 * byFirstTime[i]    segment-local users ordered by span class (last − first ≤ 1 day, ≤ 8 days, ≤ 64 days, longer),
 *                   then by the hour of their first event, then by user
 * blockMinFirst[b]  earliest first-event time of users byFirstTime[b·TIME_BLOCK .. (b+1)·TIME_BLOCK)
 * blockMaxLast[b]   latest last-event time of the same users
 * tieBits[u/64]     bit u%64 set  ⇔  user u has two events at the same second (kernels without tie groups skip them)
 * postings[type]    positions of the type's events, ascending, for rare types (each ≤ 1/16 of the segment's events,
 *                   together ≤ 1/4 of them: at most 1 byte per event); null for the others
 * </pre>
 * A user has an event in {@code [from, to)} only if its first time is before {@code to} and its last time is at or
 * after {@code from}; a block whose users cannot meet that is skipped whole. Grouping users by how long they stay
 * keeps the blocks' ranges tight: a few long-lived users would otherwise stretch every block they fall into. Masks are conservative: a set bit says
 * "maybe" for types ≥ 63, a clear bit always means "none". Cost: 4 bytes for the time order, 1–8 for the mask (2 with
 * up to 16 event types) and a bit per user, plus 8 bytes per {@value #TIME_BLOCK} users, plus the postings.
 */
public final class SegmentIndex {
    /** Users per zone-map block of the time order. */
    public static final int TIME_BLOCK = 256;
    /** Every type: a mask that excludes nobody. */
    public static final long ALL_TYPES = -1L;

    /** The masks, in exactly one of these arrays (the others null): see {@link #mask}. */
    private final byte[] masks8;
    private final short[] masks16;
    private final int[] masks32;
    private final long[] masks64;
    private final int[] byFirstTime;
    private final int[] blockMinFirst;
    private final int[] blockMaxLast;
    private final long[] tieBits;
    private final int[][] postings;
    private final long buildNanos;

    private SegmentIndex(Object masks, long[] tieBits, int[] byFirstTime, int[] blockMinFirst, int[] blockMaxLast,
                         int[][] postings, long buildNanos) {
        this.buildNanos = buildNanos;
        masks8 = masks instanceof byte[] m ? m : null;
        masks16 = masks instanceof short[] m ? m : null;
        masks32 = masks instanceof int[] m ? m : null;
        masks64 = masks instanceof long[] m ? m : null;
        this.tieBits = tieBits;
        this.postings = postings;
        this.byFirstTime = byFirstTime;
        this.blockMinFirst = blockMinFirst;
        this.blockMaxLast = blockMaxLast;
    }

    /** The masks in the narrowest array that holds the highest bit set: byte[], short[], int[] or long[]. */
    private static Object narrowest(long[] typeMask) {
        long all = 0;
        for (long m : typeMask) {
            all |= m;
        }
        int width = 64 - Long.numberOfLeadingZeros(all);
        return width <= 8 ? narrow(typeMask, new byte[typeMask.length])
                : width <= 16 ? narrow(typeMask, new short[typeMask.length])
                : width <= 32 ? narrow(typeMask, new int[typeMask.length]) : typeMask;
    }

    /**
     * An index written before (a snapshot) of a segment of {@code users} users and {@code events} events; the
     * arrays are taken, not copied, as {@link #maskArray}, {@link #tieBits}, {@link #byFirstTime},
     * {@link #blockMinFirst}, {@link #blockMaxLast} and {@link #postingLists} gave them. Their shapes and ranges are
     * checked (so a query cannot read outside them); what they say is trusted to be what {@link #of} built.
     *
     * @throws IllegalArgumentException when they do not fit the segment
     */
    public static SegmentIndex restore(int users, int events, Object masks, long[] tieBits, int[] byFirstTime,
                                       int[] blockMinFirst, int[] blockMaxLast, int[][] postings) {
        int maskCount = masks instanceof byte[] m ? m.length : masks instanceof short[] m ? m.length
                : masks instanceof int[] m ? m.length : masks instanceof long[] m ? m.length : -1;
        int blocks = (users + TIME_BLOCK - 1) / TIME_BLOCK;
        if (maskCount != users || tieBits.length != (users + 63) >>> 6 || byFirstTime.length != users
                || blockMinFirst.length != blocks || blockMaxLast.length != blocks) {
            throw new IllegalArgumentException("index does not fit a segment of " + users + " users: " + maskCount
                    + " masks, " + tieBits.length + " tie words, " + byFirstTime.length + " users in time order, "
                    + blockMinFirst.length + "/" + blockMaxLast.length + " time blocks");
        }
        for (int u : byFirstTime) {
            if (u < 0 || u >= users) {
                throw new IllegalArgumentException("index orders user " + u + " of " + users);
            }
        }
        for (int t = 0; t < postings.length; t++) {
            int last = -1;
            for (int p : postings[t] == null ? EMPTY : postings[t]) {
                if (p <= last || p >= events) {
                    throw new IllegalArgumentException("postings of type " + t + " hold event " + p + " after "
                            + last + " in a segment of " + events + " events");
                }
                last = p;
            }
        }
        return new SegmentIndex(masks, tieBits, byFirstTime, blockMinFirst, blockMaxLast, postings, 0);
    }

    /** The masks as held: a byte[], short[], int[] or long[] per user (see {@link #maskWidth}). Shared, not copied. */
    public Object maskArray() {
        return masks8 != null ? masks8 : masks16 != null ? masks16 : masks32 != null ? masks32 : masks64;
    }

    /** Bit u%64 of word u/64 set ⇔ user u has two events at the same second. Shared, not copied. */
    public long[] tieBits() {
        return tieBits;
    }

    /** Per time block, the earliest first-event time of its users. Shared, not copied. */
    public int[] blockMinFirst() {
        return blockMinFirst;
    }

    /** Per time block, the latest last-event time of its users. Shared, not copied. */
    public int[] blockMaxLast() {
        return blockMaxLast;
    }

    /** Per type code, the positions of its events, or null when not kept. Shared, not copied. */
    public int[][] postingLists() {
        return postings;
    }

    /** The mask bit of a type code. */
    public static long bit(int type) {
        return 1L << Math.min(type, 63);
    }

    /** The mask of every type set in {@code types} (indexed by type code). */
    public static long maskOf(boolean[] types) {
        long mask = 0;
        for (int type = 0; type < types.length; type++) {
            if (types[type]) {
                mask |= bit(type);
            }
        }
        return mask;
    }

    /** The index of filled masks and tie bits; {@code fillNanos}: thread time spent filling them. */
    private static SegmentIndex build(int[] offsets, short[] types, int[] times, long[] typeMask, long[] tieBits,
                              long fillNanos) {
        long started = System.nanoTime();
        int users = offsets.length - 1;
        int[] byFirst = orderByFirstHour(offsets, times, users);
        int blocks = (users + TIME_BLOCK - 1) / TIME_BLOCK;
        int[] minFirst = new int[blocks];
        int[] maxLast = new int[blocks];
        for (int b = 0; b < blocks; b++) {
            int lo = Integer.MAX_VALUE;
            int hi = Integer.MIN_VALUE;
            for (int i = b * TIME_BLOCK, end = Math.min(users, i + TIME_BLOCK); i < end; i++) {
                int u = byFirst[i];
                if (offsets[u] == offsets[u + 1]) {
                    continue;
                }
                lo = Math.min(lo, times[offsets[u]]);
                hi = Math.max(hi, times[offsets[u + 1] - 1]);
            }
            minFirst[b] = lo;
            maxLast[b] = hi;
        }
        int[][] postings = postings(types);
        return new SegmentIndex(narrowest(typeMask), tieBits, byFirst, minFirst, maxLast, postings,
                fillNanos + System.nanoTime() - started);
    }

    /**
     * Builds the summaries of columns made elsewhere: segments merged at a refresh ({@link SegmentMerge}); a
     * snapshot stores the index and reads it back ({@link #restore}). Masks filled in parallel by the common pool.
     */
    static SegmentIndex of(int[] offsets, short[] types, int[] times) {
        return of(offsets, types, times, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Builds the summaries of one segment's columns; the masks are filled by parallel tasks (in the pool this runs
     * in) per range of 64·k users, so that no two tasks write one word of tie bits; the time order is one counting
     * sort by span class and first hour.
     */
    static SegmentIndex of(int[] offsets, short[] types, int[] times, int parallelism) {
        int users = offsets.length - 1;
        long[] typeMask = new long[users];
        long[] tieBits = newTieBits(users);
        int words = tieBits.length;
        int chunks = Math.max(1, Math.min(words, parallelism * 8));
        AtomicLong fillNanos = new AtomicLong();
        IntStream.range(0, chunks).parallel().forEach(c -> {
            long t = System.nanoTime();
            int from = (int) Math.min(users, 64L * ((long) words * c / chunks));
            int to = (int) Math.min(users, 64L * ((long) words * (c + 1) / chunks));
            fillUsers(offsets, types, times, typeMask, tieBits, from, to);
            fillNanos.addAndGet(System.nanoTime() - t);
        });
        return build(offsets, types, times, typeMask, tieBits, fillNanos.get());
    }

    /** Thread nanoseconds spent building this index. */
    public long buildNanos() {
        return buildNanos;
    }

    /** Positions of the rare types' events: rarest first while they fit in a quarter of the events. */
    private static int[][] postings(short[] types) {
        int typeCount = 0;
        for (short t : types) {
            typeCount = Math.max(typeCount, t + 1);
        }
        int[] count = new int[typeCount];
        for (short t : types) {
            count[t]++;
        }
        Integer[] byCount = new Integer[typeCount];
        Arrays.setAll(byCount, t -> t);
        Arrays.sort(byCount, (a, b) -> Integer.compare(count[a], count[b]));
        int[][] lists = new int[typeCount][];
        long budget = types.length / 4;
        for (int t : byCount) {
            if ((long) count[t] * 16 > types.length || count[t] > budget) {
                continue;
            }
            budget -= count[t];
            lists[t] = new int[count[t]];
        }
        int[] fill = new int[typeCount];
        for (int p = 0; p < types.length; p++) {
            int[] list = lists[types[p]];
            if (list != null) {
                list[fill[types[p]]++] = p;
            }
        }
        return lists;
    }

    /** Ascending positions of the events of {@code type} (empty when it has none), or null when it is not kept. */
    public int[] postings(int type) {
        return type < postings.length ? postings[type] : EMPTY;
    }

    private static final int[] EMPTY = new int[0];

    /** Whether the segment keeps the positions of {@code type}'s events (or has none of them). */
    public boolean hasPostings(int type) {
        return type >= postings.length || postings[type] != null;
    }

    /** The tie bits of {@code users} users, all clear (filled by {@link #fillUsers}). */
    private static long[] newTieBits(int users) {
        return new long[(users + 63) >>> 6];
    }

    /**
     * Fills {@code typeMask[u]} and the tie bits for users {@code [fromUser, toUser)}; {@code fromUser} must be a
     * multiple of 64 unless {@code toUser} is the segment's end, so that ranges filled at once share no tie word.
     */
    private static void fillUsers(int[] offsets, short[] types, int[] times, long[] typeMask, long[] tieBits, int fromUser,
                          int toUser) {
        for (int u = fromUser; u < toUser; u++) {
            long mask = 0;
            boolean ties = false;
            final int end = offsets[u + 1];
            for (int p = offsets[u]; p < end; p++) {
                mask |= bit(types[p]);
                ties |= p + 1 < end && times[p + 1] == times[p];
            }
            typeMask[u] = mask;
            if (ties) {
                tieBits[u >>> 6] |= 1L << u;
            }
        }
    }

    /** Whether user {@code u} has two events at the same second. */
    public boolean hasTies(int u) {
        return (tieBits[u >>> 6] & (1L << u)) != 0;
    }

    /** Span classes: a user's last − first event time is at most SPAN_LIMIT[c] seconds in class c. */
    private static final long[] SPAN_LIMIT = {86_400L, 8 * 86_400L, 64 * 86_400L, Long.MAX_VALUE};

    /** Users sorted by span class, then the hour of their first event (users without events last), stable. */
    private static int[] orderByFirstHour(int[] offsets, int[] times, int users) {
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        for (int u = 0; u < users; u++) {
            if (offsets[u] < offsets[u + 1]) {
                int t = times[offsets[u]];
                min = Math.min(min, t);
                max = Math.max(max, t);
            }
        }
        int[] order = new int[users];
        if (min > max) {
            Arrays.setAll(order, u -> u);
            return order;
        }
        // an hour per bucket, coarser when the data spans more than ~120 years of hours
        int shift = 0;
        while ((((long) max - min) >>> shift) / 3600 >= (1 << 20)) {
            shift++;
        }
        final int hours = (int) ((((long) max - min) >>> shift) / 3600) + 1;
        final int buckets = hours * SPAN_LIMIT.length + 1;
        int[] key = new int[users];
        int[] start = new int[buckets + 1];
        for (int u = 0; u < users; u++) {
            key[u] = bucketOf(offsets, times, u, min, shift, hours);
            start[key[u] + 1]++;
        }
        for (int b = 0; b < buckets; b++) {
            start[b + 1] += start[b];
        }
        for (int u = 0; u < users; u++) {
            order[start[key[u]]++] = u;
        }
        return order;
    }

    private static int bucketOf(int[] offsets, int[] times, int u, int min, int shift, int hours) {
        int lo = offsets[u];
        int hi = offsets[u + 1];
        if (lo == hi) {
            return hours * SPAN_LIMIT.length;
        }
        long span = (long) times[hi - 1] - times[lo];
        int spanClass = 0;
        while (span > SPAN_LIMIT[spanClass]) {
            spanClass++;
        }
        return spanClass * hours + (int) ((((long) times[lo] - min) >>> shift) / 3600);
    }

    private static byte[] narrow(long[] masks, byte[] out) {
        for (int u = 0; u < masks.length; u++) {
            out[u] = (byte) masks[u];
        }
        return out;
    }

    private static short[] narrow(long[] masks, short[] out) {
        for (int u = 0; u < masks.length; u++) {
            out[u] = (short) masks[u];
        }
        return out;
    }

    private static int[] narrow(long[] masks, int[] out) {
        for (int u = 0; u < masks.length; u++) {
            out[u] = (int) masks[u];
        }
        return out;
    }

    /** The mask of segment-local user {@code u}'s types (bits as {@link #bit}). */
    public long mask(int u) {
        if (masks16 != null) {
            return masks16[u] & 0xFFFFL;
        }
        if (masks8 != null) {
            return masks8[u] & 0xFFL;
        }
        return masks32 != null ? masks32[u] & 0xFFFFFFFFL : masks64[u];
    }

    /** Bytes per user of the masks: 1, 2, 4 or 8. */
    public int maskWidth() {
        return masks8 != null ? 1 : masks16 != null ? 2 : masks32 != null ? 4 : 8;
    }

    /** Segment-local users in order of their first event's hour. Shared, not copied: callers must not write. */
    public int[] byFirstTime() {
        return byFirstTime;
    }

    /** Earliest event time of the segment (Integer.MAX_VALUE when it has none). */
    public int minTime() {
        int min = Integer.MAX_VALUE;
        for (int t : blockMinFirst) {
            min = Math.min(min, t);
        }
        return min;
    }

    /** Latest event time of the segment (Integer.MIN_VALUE when it has none). */
    public int maxTime() {
        int max = Integer.MIN_VALUE;
        for (int t : blockMaxLast) {
            max = Math.max(max, t);
        }
        return max;
    }

    public int timeBlocks() {
        return blockMinFirst.length;
    }

    /** Whether some user of time block {@code b} may have an event in {@code [from, to)}. */
    public boolean blockMayOverlap(int b, int from, int to) {
        return blockMinFirst[b] < to && blockMaxLast[b] >= from;
    }

    public long bytes() {
        long bytes = (long) maskWidth() * byFirstTime.length + 8L * tieBits.length + 4L * byFirstTime.length + 8L * blockMinFirst.length;
        for (int[] list : postings) {
            bytes += list == null ? 0 : 4L * list.length;
        }
        return bytes;
    }
}
