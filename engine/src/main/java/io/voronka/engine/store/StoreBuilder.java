package io.voronka.engine.store;

import it.unimi.dsi.fastutil.ints.IntComparator;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * Collects rows from any number of sources (single writer), then groups them by user, sorts each user's
 * events by time, drops exact duplicates and lays the result out as an {@link EventStore}. Duplicates are decided
 * on the time as the source holds it (with its fraction of a second), then times are kept in whole seconds.
 *
 * <p>Rows are appended into growable primitive arrays (no object per row). {@link #build} runs in parallel
 * over user ranges; peak memory during the build is about 20 bytes per row.
 */
public final class StoreBuilder {
    private static final int INITIAL_CAPACITY = 1 << 16;
    /** Java arrays index with int; a store larger than this is split into several segments. */
    public static final int DEFAULT_MAX_SEGMENT_EVENTS = 1 << 30;

    private final EventTypes types;
    private final UserKeys users;
    private final ZoneId zone;
    private final List<String> sourceNames = new ArrayList<>();
    private final List<long[]> sourceSkips = new ArrayList<>();
    private boolean[] sourceKeepsDuplicates = new boolean[0];
    private double[] sourceSeconds = new double[0];
    private final List<Dimension> dimensions = new ArrayList<>();
    private int maxSegmentEvents = DEFAULT_MAX_SEGMENT_EVENTS;
    private CostTable costs = CostTable.EMPTY;

    private int rows;
    private int[] rowUser = new int[INITIAL_CAPACITY];
    private short[] rowType = new short[INITIAL_CAPACITY];
    private int[] rowTime = new int[INITIAL_CAPACITY];
    private byte[] rowSource = new byte[INITIAL_CAPACITY];
    /** Fraction of the second (ns) each row's time had at the source; lazily allocated at the first non-zero one. */
    private int[] rowNanos;
    /** Lazily allocated when a source declares a value; NaN = no value. */
    private double[] rowValue;
    /** Per dimension, lazily allocated; -1 = no value. */
    private final List<int[]> rowDims = new ArrayList<>();

    public StoreBuilder(UserKeyKind keyKind, ZoneId zone) {
        this(new EventTypes(), new UserKeys(keyKind), zone);
    }

    public StoreBuilder(EventTypes types, UserKeys users, ZoneId zone) {
        this.types = types;
        this.users = users;
        this.zone = zone;
    }

    public EventTypes types() {
        return types;
    }

    public UserKeys users() {
        return users;
    }

    public ZoneId zone() {
        return zone;
    }

    /** For tests of multi-segment stores: split segments at this many events. */
    public StoreBuilder maxSegmentEvents(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("maxSegmentEvents must be >= 1, was " + max);
        }
        this.maxSegmentEvents = max;
        return this;
    }

    /** Registers a source (or returns the index of one already registered under this name). */
    public int source(String name) {
        int existing = sourceNames.indexOf(name);
        if (existing >= 0) {
            return existing;
        }
        if (sourceNames.size() >= 255) {
            throw new IllegalStateException("too many sources: at most 255 are supported");
        }
        sourceNames.add(name);
        sourceSkips.add(new long[SkipReason.values().length]);
        sourceKeepsDuplicates = Arrays.copyOf(sourceKeepsDuplicates, sourceNames.size());
        sourceSeconds = Arrays.copyOf(sourceSeconds, sourceNames.size());
        return sourceNames.size() - 1;
    }

    /**
     * Keeps exact duplicate rows of this source instead of dropping them (for sources where two identical rows
     * are two real events). Rows of other sources are still compared against them.
     */
    public void keepDuplicates(int source, boolean keep) {
        sourceKeepsDuplicates[source] = keep;
    }

    /** Records how long reading a source took; carried into its {@link SourceReport}. */
    public void sourceSeconds(int source, double seconds) {
        sourceSeconds[source] = seconds;
    }

    /** Marketing spend to keep beside the events (for CAC and ROMI); {@link CostTable#EMPTY} by default. */
    public void costs(CostTable table) {
        this.costs = table;
    }

    /** Registers a dimension by name (shared by all sources that declare it); returns its index. */
    public int dimension(String name) {
        for (int d = 0; d < dimensions.size(); d++) {
            if (dimensions.get(d).name().equalsIgnoreCase(name)) {
                return d;
            }
        }
        dimensions.add(new Dimension(name));
        rowDims.add(null);
        return dimensions.size() - 1;
    }

    public Dimension dimensionAt(int d) {
        return dimensions.get(d);
    }

    /** Makes room for {@code more} rows (a hint from the loader, e.g. the table's estimated row count). */
    public void reserve(long more) {
        long need = rows + more;
        if (need > Integer.MAX_VALUE - 16) {
            need = Integer.MAX_VALUE - 16;
        }
        if (need > rowUser.length) {
            grow((int) need);
        }
    }

    /**
     * Appends one event row; returns its row index (for {@link #value} and {@link #dimensionValue}), or -1 when
     * the time does not fit the store (the row is then counted as skipped).
     */
    public int append(int source, int user, int type, long epochSecond) {
        return append(source, user, type, epochSecond, 0);
    }

    /**
     * {@link #append(int, int, int, long)} with the fraction of the second the source holds: rows that differ
     * only in it are not duplicates. The store keeps whole seconds.
     */
    public int append(int source, int user, int type, long epochSecond, int nanosOfSecond) {
        if (!Times.fits(epochSecond)) {
            skip(source, SkipReason.TIME_OUT_OF_RANGE);
            return -1;
        }
        if (rows == rowUser.length) {
            grow(rows + (rows >> 1) + 16);
        }
        int row = rows++;
        rowUser[row] = user;
        rowType[row] = (short) type;
        rowTime[row] = Times.toStored(epochSecond);
        rowSource[row] = (byte) source;
        if (nanosOfSecond != 0) {
            if (rowNanos == null) {
                rowNanos = new int[rowUser.length];
            }
            rowNanos[row] = nanosOfSecond;
        }
        return row;
    }

    /** Sets the numeric value of a row appended before (NaN means none). */
    public void value(int row, double value) {
        if (rowValue == null) {
            rowValue = new double[rowUser.length];
            Arrays.fill(rowValue, Double.NaN);
        }
        rowValue[row] = value;
    }

    /** Sets the code of dimension {@code d} for a row appended before. */
    public void dimensionValue(int row, int d, int code) {
        int[] column = rowDims.get(d);
        if (column == null) {
            column = new int[rowUser.length];
            Arrays.fill(column, -1);
            rowDims.set(d, column);
        }
        column[row] = code;
    }

    /** Counts a row of a source that was read and not kept. */
    public void skip(int source, SkipReason reason) {
        sourceSkips.get(source)[reason.ordinal()]++;
    }

    public int rowCount() {
        return rows;
    }

    private void grow(int capacity) {
        int old = rowUser.length;
        rowUser = Arrays.copyOf(rowUser, capacity);
        rowType = Arrays.copyOf(rowType, capacity);
        rowTime = Arrays.copyOf(rowTime, capacity);
        rowSource = Arrays.copyOf(rowSource, capacity);
        if (rowNanos != null) {
            rowNanos = Arrays.copyOf(rowNanos, capacity);
        }
        if (rowValue != null) {
            rowValue = Arrays.copyOf(rowValue, capacity);
            Arrays.fill(rowValue, old, capacity, Double.NaN);
        }
        for (int d = 0; d < rowDims.size(); d++) {
            int[] column = rowDims.get(d);
            if (column != null) {
                column = Arrays.copyOf(column, capacity);
                Arrays.fill(column, old, capacity, -1);
                rowDims.set(d, column);
            }
        }
    }

    /** Groups, sorts, de-duplicates and lays out the rows. The builder must not be used afterwards. */
    public EventStore build(int threads) {
        ForkJoinPool pool = new ForkJoinPool(Math.max(1, threads));
        try {
            Grouped g = group(pool, threads);
            int userCount = g.kept.length;
            // 3. split users into segments and gather columns
            List<Segment> segments = new ArrayList<>();
            int segmentStart = 0;
            long inSegment = 0;
            for (int u = 0; u < userCount; u++) {
                if (inSegment + g.kept[u] > maxSegmentEvents && u > segmentStart) {
                    segments.add(gather(pool, g.perm, g.key, g.start, g.kept, segmentStart, u));
                    segmentStart = u;
                    inSegment = 0;
                }
                inSegment += g.kept[u];
            }
            if (userCount > segmentStart || segments.isEmpty()) {
                segments.add(gather(pool, g.perm, g.key, g.start, g.kept, segmentStart, userCount));
            }
            int[] range = timeRange(segments, Integer.MAX_VALUE, Integer.MIN_VALUE);
            List<SourceReport> report = report(g, new long[sourceNames.size()], List.of(),
                    usersBySource(userCount, sourceNames.size()));
            return new EventStore(segments, types, users.frozen(), dimensions, zone, report, range[0], range[1], costs);
        } finally {
            pool.shutdown();
        }
    }

    /**
     * A builder for rows to add to {@code base} (a refresh): it interns into copies of base's dictionaries and a
     * view of its users that new users extend, and knows base's sources in the same order. Register sources and
     * their duplicate rule as for a load, append the new rows, then {@link #mergeInto}.
     */
    public static StoreBuilder continuing(EventStore base) {
        List<Dimension> dims = new ArrayList<>();
        for (Dimension d : base.dimensions()) {
            dims.add(Dimension.of(d.name(), d.values()));
        }
        StoreBuilder b = new StoreBuilder(base.types().copy(), base.users().forAppend(), base.zone());
        for (Dimension d : dims) {
            b.dimensions.add(d);
            b.rowDims.add(null);
        }
        for (SourceReport r : base.report()) {
            b.source(r.source());
        }
        return b;
    }

    /**
     * {@code base} with this builder's rows added: rows equal to an event base already has (or to each other) are
     * dropped as duplicates under the load's rule, the rest are merged into their users' time order. Segments
     * without a new event are shared with base, not copied; new users join the last segment. The builder must
     * have been made by {@link #continuing(EventStore)} of this base and must not be used afterwards.
     */
    public EventStore mergeInto(EventStore base, int threads) {
        if (dimensions.size() != base.dimensions().size()) {
            throw new IllegalStateException("the rows were not collected by continuing(base)");
        }
        ForkJoinPool pool = new ForkJoinPool(Math.max(1, threads));
        try {
            Grouped g = group(pool, threads);
            int userCount = g.kept.length;
            long[] againstBase = new long[sourceNames.size()];
            SegmentMerge merge = new SegmentMerge(g.perm, g.key, g.start, g.kept, rowValue, rowDims, rowSource,
                    sourceKeepsDuplicates, dimensions.size());
            List<Segment> segments = new ArrayList<>();
            List<Segment> old = base.segments();
            int[] range = {Integer.MAX_VALUE, Integer.MIN_VALUE};
            if (base.eventCount() > 0) {
                range[0] = base.minTime();
                range[1] = base.maxTime();
            }
            for (int i = 0; i < old.size(); i++) {
                Segment s = old.get(i);
                boolean last = i == old.size() - 1;
                int to = last ? userCount : s.firstUser() + s.userCount();
                boolean touched = to > s.firstUser() + s.userCount();
                for (int u = s.firstUser(); u < to && !touched; u++) {
                    touched = g.kept[u] > 0;
                }
                if (!touched) {
                    segments.add(s);
                    continue;
                }
                Segment merged = merge.merge(s, to, againstBase);
                segments.add(merged);
                range = timeRange(List.of(merged), range[0], range[1]);
            }
            if (range[0] > range[1]) {
                range = new int[]{0, 0};
            }
            List<SourceReport> report = report(g, againstBase, base.report(), null);
            return new EventStore(segments, types, users.frozen(), dimensions, zone, report, range[0], range[1],
                    base.costs());
        } finally {
            pool.shutdown();
        }
    }

    /** Rows grouped by user: positions {@code start[u] .. start[u]+kept[u]} of perm/key, sorted and de-duplicated. */
    private record Grouped(int[] perm, long[] key, int[] start, int[] kept, long[] duplicates, long[] read) {
    }

    private Grouped group(ForkJoinPool pool, int threads) {
        int userCount = users.size();
        int n = rows;
        // 1. counting sort of row indexes by user
        int[] start = new int[userCount + 1];
        for (int r = 0; r < n; r++) {
            start[rowUser[r] + 1]++;
        }
        for (int u = 0; u < userCount; u++) {
            start[u + 1] += start[u];
        }
        // perm[i]: the row at position i; key[i]: its (time, type) packed so that sorting and comparing stay local
        int[] perm = new int[n];
        long[] key = new long[n];
        int[] fill = Arrays.copyOf(start, userCount);
        for (int r = 0; r < n; r++) {
            int at = fill[rowUser[r]]++;
            perm[at] = r;
            key[at] = packedKey(rowTime[r], rowType[r]);
        }
        fill = null;

        // 2. per user: sort by (time, type, value, dimensions), drop exact duplicates, compact kept rows to the front
        int[] kept = new int[userCount];
        int sources = sourceNames.size();
        int chunks = Math.max(1, Math.min(userCount, threads * 16));
        long[][] duplicatesByChunk = new long[chunks][sources];
        pool.submit(() -> IntStream.range(0, chunks).parallel().forEach(c -> {
            int from = (int) ((long) userCount * c / chunks);
            int to = (int) ((long) userCount * (c + 1) / chunks);
            sortAndDedupe(perm, key, start, kept, from, to, duplicatesByChunk[c]);
        })).join();

        long[] duplicates = new long[sources];
        for (long[] chunk : duplicatesByChunk) {
            for (int s = 0; s < sources; s++) {
                duplicates[s] += chunk[s];
            }
        }
        long[] read = new long[sources];
        for (int r = 0; r < n; r++) {
            read[rowSource[r] & 0xFF]++;
        }
        return new Grouped(perm, key, start, kept, duplicates, read);
    }

    /** Earliest and latest time of the segments' events and of the range given (MAX, MIN for none). */
    private static int[] timeRange(List<Segment> segments, int min, int max) {
        int minTime = min;
        int maxTime = max;
        for (Segment segment : segments) {
            int[] times = segment.times();
            for (int e = 0; e < times.length; e++) {
                int t = times[e];
                if (t < minTime) {
                    minTime = t;
                }
                if (t > maxTime) {
                    maxTime = t;
                }
            }
        }
        if (minTime > maxTime && min == Integer.MAX_VALUE) {
            return new int[]{0, 0};
        }
        return new int[]{minTime, maxTime};
    }

    /**
     * Per source: rows read, kept and dropped by reason, added to {@code base}'s figures when there are any. Users
     * and unmatched users come from {@code usersBySource} (a full build); a merge keeps base's (counted at the last
     * full load).
     */
    private List<SourceReport> report(Grouped g, long[] moreDuplicates, List<SourceReport> base,
                                      long[][] usersBySource) {
        List<SourceReport> report = new ArrayList<>();
        for (int s = 0; s < sourceNames.size(); s++) {
            SourceReport before = s < base.size() ? base.get(s) : null;
            Map<SkipReason, Long> dropped = new EnumMap<>(SkipReason.class);
            long skipped = 0;
            for (SkipReason reason : SkipReason.values()) {
                long count = sourceSkips.get(s)[reason.ordinal()];
                if (reason == SkipReason.DUPLICATE) {
                    count += g.duplicates[s] + moreDuplicates[s];
                }
                if (before != null) {
                    count += before.dropped(reason);
                }
                if (count > 0) {
                    dropped.put(reason, count);
                }
                skipped += sourceSkips.get(s)[reason.ordinal()];
            }
            long kept = g.read[s] - g.duplicates[s] - moreDuplicates[s] + (before == null ? 0 : before.kept());
            long read = g.read[s] + skipped + (before == null ? 0 : before.read());
            int sources = sourceNames.size();
            long users = usersBySource != null ? usersBySource[0][s] : before == null ? 0 : before.users();
            long unmatched = usersBySource != null ? (sources > 1 ? usersBySource[1][s] : -1)
                    : before == null ? -1 : before.unmatchedUsers();
            report.add(new SourceReport(sourceNames.get(s), read, kept, dropped,
                    before == null ? sourceSeconds[s] : before.seconds(), users, unmatched));
        }
        return report;
    }

    /**
     * Per source: [0] its distinct users, [1] those no other source has (-1 each beyond 64 sources). One pass over
     * the rows with a bit per source per user.
     */
    private long[][] usersBySource(int userCount, int sources) {
        long[][] out = new long[2][sources];
        if (sources > Long.SIZE) {
            Arrays.fill(out[0], -1);
            Arrays.fill(out[1], -1);
            return out;
        }
        final long[] seenIn = new long[userCount];
        final int[] user = rowUser;
        final byte[] source = rowSource;
        for (int r = 0; r < rows; r++) {
            seenIn[user[r]] |= 1L << (source[r] & 0xFF);
        }
        for (long mask : seenIn) {
            for (long m = mask; m != 0; m &= m - 1) {
                out[0][Long.numberOfTrailingZeros(m)]++;
            }
            if (Long.bitCount(mask) == 1) {
                out[1][Long.numberOfTrailingZeros(mask)]++;
            }
        }
        return out;
    }

    /** Time in the high bits (signed, so order is kept), type in the low 16: one long compares both. */
    private static long packedKey(int time, short type) {
        return ((long) time << 16) | (type & 0xFFFF);
    }

    private void sortAndDedupe(int[] perm, long[] key, int[] start, int[] kept, int fromUser, int toUser,
                               long[] duplicates) {
        final double[] value = rowValue;
        final List<int[]> dims = rowDims;
        final int[] nanos = rowNanos;
        final boolean extras = nanos != null || value != null || dims.stream().anyMatch(java.util.Objects::nonNull);
        final byte[] source = rowSource;
        final boolean[] keepsDuplicates = sourceKeepsDuplicates;
        IntComparator order = (i, j) -> comparePositions(i, j, perm, key, extras, nanos, value, dims);
        it.unimi.dsi.fastutil.Swapper swap = ParallelArrays.swapper(perm, key);
        for (int u = fromUser; u < toUser; u++) {
            int from = start[u];
            int to = start[u + 1];
            int len = to - from;
            if (len > 1) {
                if (len <= 24) {
                    insertionSort(perm, key, from, to, extras, nanos, value, dims);
                } else {
                    it.unimi.dsi.fastutil.Arrays.quickSort(from, to, order, swap);
                }
            }
            int write = from;
            for (int i = from; i < to; i++) {
                int row = perm[i];
                if (write > from && !keepsDuplicates[source[row] & 0xFF] && key[write - 1] == key[i]
                        && (!extras || compareExtras(perm[write - 1], row, nanos, value, dims) == 0)) {
                    duplicates[source[row] & 0xFF]++;
                    continue;
                }
                perm[write] = row;
                key[write] = key[i];
                write++;
            }
            kept[u] = write - from;
        }
    }

    private static int comparePositions(int i, int j, int[] perm, long[] key, boolean extras, int[] nanos,
                                        double[] value, List<int[]> dims) {
        int c = Long.compare(key[i], key[j]);
        if (c != 0 || !extras) {
            return c;
        }
        return compareExtras(perm[i], perm[j], nanos, value, dims);
    }

    private static void insertionSort(int[] perm, long[] key, int from, int to, boolean extras, int[] nanos,
                                      double[] value, List<int[]> dims) {
        for (int i = from + 1; i < to; i++) {
            long k = key[i];
            int row = perm[i];
            int j = i - 1;
            while (j >= from && (key[j] > k
                    || (extras && key[j] == k && compareExtras(perm[j], row, nanos, value, dims) > 0))) {
                key[j + 1] = key[j];
                perm[j + 1] = perm[j];
                j--;
            }
            key[j + 1] = k;
            perm[j + 1] = row;
        }
    }

    /**
     * Orders rows with equal (second, type) by the fraction of the second, value, then dimensions: equal rows end
     * up adjacent, and rows apart by less than a second are not equal.
     */
    static int compareExtras(int a, int b, int[] nanos, double[] value, List<int[]> dims) {
        if (nanos != null) {
            int c = Integer.compare(nanos[a], nanos[b]);
            if (c != 0) {
                return c;
            }
        }
        if (value != null) {
            int c = Long.compare(Double.doubleToLongBits(value[a]), Double.doubleToLongBits(value[b]));
            if (c != 0) {
                return c;
            }
        }
        for (int d = 0; d < dims.size(); d++) {
            int[] column = dims.get(d);
            if (column != null) {
                int c = Integer.compare(column[a], column[b]);
                if (c != 0) {
                    return c;
                }
            }
        }
        return 0;
    }

    private Segment gather(ForkJoinPool pool, int[] perm, long[] key, int[] start, int[] kept, int fromUser,
                           int toUser) {
        int users = toUser - fromUser;
        int[] offsets = new int[users + 1];
        for (int u = 0; u < users; u++) {
            offsets[u + 1] = offsets[u] + kept[fromUser + u];
        }
        int events = offsets[users];
        short[] types = new short[events];
        int[] times = new int[events];
        final boolean extras = rowValue != null || !dimensions.isEmpty();
        int[] sourceRow = extras ? new int[events] : null;
        int chunks = Math.max(1, Math.min(users, pool.getParallelism() * 8));
        pool.submit(() -> IntStream.range(0, chunks).parallel().forEach(c -> {
            int from = (int) ((long) users * c / chunks);
            int to = (int) ((long) users * (c + 1) / chunks);
            for (int u = from; u < to; u++) {
                int src = start[fromUser + u];
                int dst = offsets[u];
                int len = offsets[u + 1] - dst;
                for (int i = 0; i < len; i++) {
                    long k = key[src + i];
                    types[dst + i] = (short) k;
                    times[dst + i] = (int) (k >> 16);
                }
                if (extras) {
                    System.arraycopy(perm, src, sourceRow, dst, len);
                }
            }
        })).join();
        SegmentIndex index = pool.submit(() -> SegmentIndex.of(offsets, types, times, pool.getParallelism())).join();
        SparseDoubleColumn values = rowValue == null ? null : sparseValues(sourceRow, rowValue);
        SparseIntColumn[] dimColumns = new SparseIntColumn[dimensions.size()];
        for (int d = 0; d < dimColumns.length; d++) {
            dimColumns[d] = sparseCodes(sourceRow, rowDims.get(d));
        }
        return new Segment(fromUser, offsets, types, times, values, dimColumns, index);
    }

    private static SparseDoubleColumn sparseValues(int[] sourceRow, double[] rowValue) {
        long[] bits = PresenceIndex.newBits(sourceRow.length);
        int present = 0;
        for (int e = 0; e < sourceRow.length; e++) {
            if (!Double.isNaN(rowValue[sourceRow[e]])) {
                bits[e >>> 6] |= 1L << e;
                present++;
            }
        }
        double[] values = new double[present];
        int i = 0;
        for (int e = 0; e < sourceRow.length; e++) {
            double v = rowValue[sourceRow[e]];
            if (!Double.isNaN(v)) {
                values[i++] = v;
            }
        }
        return new SparseDoubleColumn(new PresenceIndex(bits), values);
    }

    private static SparseIntColumn sparseCodes(int[] sourceRow, int[] rowCodes) {
        long[] bits = PresenceIndex.newBits(sourceRow.length);
        if (rowCodes == null) {
            return new SparseIntColumn(new PresenceIndex(bits), new int[0]);
        }
        int present = 0;
        for (int e = 0; e < sourceRow.length; e++) {
            if (rowCodes[sourceRow[e]] >= 0) {
                bits[e >>> 6] |= 1L << e;
                present++;
            }
        }
        int[] codes = new int[present];
        int i = 0;
        for (int e = 0; e < sourceRow.length; e++) {
            int code = rowCodes[sourceRow[e]];
            if (code >= 0) {
                codes[i++] = code;
            }
        }
        return new SparseIntColumn(new PresenceIndex(bits), codes);
    }
}
