package io.voronka.engine.store;

import java.util.Arrays;
import java.util.List;

/**
 * Merges new rows (grouped, sorted and de-duplicated per user by {@link StoreBuilder}) into a copy of one segment:
 * per user, the old events and the new rows are walked together in the load's order (time, type, value,
 * dimensions); a new row equal to an old event is a duplicate unless its source keeps duplicates. Old events keep
 * their values and codes (the dictionaries only grow). Cost: one pass over the segment's columns.
 */
final class SegmentMerge {
    private final int[] perm;
    private final long[] key;
    private final int[] start;
    private final int[] kept;
    private final double[] rowValue;
    private final List<int[]> rowDims;
    private final byte[] rowSource;
    private final boolean[] keepsDuplicates;
    private final int dimensions;

    SegmentMerge(int[] perm, long[] key, int[] start, int[] kept, double[] rowValue, List<int[]> rowDims,
                 byte[] rowSource, boolean[] keepsDuplicates, int dimensions) {
        this.perm = perm;
        this.key = key;
        this.start = start;
        this.kept = kept;
        this.rowValue = rowValue;
        this.rowDims = rowDims;
        this.rowSource = rowSource;
        this.keepsDuplicates = keepsDuplicates;
        this.dimensions = dimensions;
    }

    /** Growable sparse column output: presence bits per event and the packed present values. */
    private static final class SparseOut {
        long[] bits;
        double[] values = new double[16];
        int[] codes = new int[16];
        int count;

        SparseOut(int events) {
            bits = PresenceIndex.newBits(events);
        }

        void value(int event, double v) {
            if (count == values.length) {
                values = Arrays.copyOf(values, count * 2);
            }
            bits[event >>> 6] |= 1L << event;
            values[count++] = v;
        }

        void code(int event, int c) {
            if (count == codes.length) {
                codes = Arrays.copyOf(codes, count * 2);
            }
            bits[event >>> 6] |= 1L << event;
            codes[count++] = c;
        }

        /** Appends the events {@code from .. from+len} of an old column at {@code at}, with their packed entries. */
        void run(PresenceIndex old, int from, int len, int at, double[] oldValues, SparseIntColumn oldCodes, int packedFrom,
                 int packedCount) {
            copyBits(old.bits(), from, bits, at, len);
            if (oldValues != null) {
                if (count + packedCount > values.length) {
                    values = Arrays.copyOf(values, Math.max(values.length * 2, count + packedCount));
                }
                System.arraycopy(oldValues, packedFrom, values, count, packedCount);
            } else {
                if (count + packedCount > codes.length) {
                    codes = Arrays.copyOf(codes, Math.max(codes.length * 2, count + packedCount));
                }
                oldCodes.copyCodes(packedFrom, codes, count, packedCount);
            }
            count += packedCount;
        }

        SparseDoubleColumn doubles(int events) {
            return SparseDoubleColumn.of(trimmed(bits, events), count == values.length ? values
                    : Arrays.copyOf(values, count));
        }

        SparseIntColumn ints(int events) {
            return SparseIntColumn.of(trimmed(bits, events), count == codes.length ? codes
                    : Arrays.copyOf(codes, count));
        }

        private static long[] trimmed(long[] bits, int events) {
            int words = (events + 63) >>> 6;
            return words == bits.length ? bits : Arrays.copyOf(bits, words);
        }
    }

    /** ORs {@code len} bits of {@code src} from {@code from} into {@code dst} at {@code at} (dst bits there are 0). */
    static void copyBits(long[] src, int from, long[] dst, int at, int len) {
        for (int i = 0; i < len; i += 64) {
            int n = Math.min(64, len - i);
            int pos = from + i;
            int w = pos >>> 6;
            int o = pos & 63;
            long v = src[w] >>> o;
            if (o != 0 && w + 1 < src.length) {
                v |= src[w + 1] << (64 - o);
            }
            if (n < 64) {
                v &= (1L << n) - 1;
            }
            int to = at + i;
            int tw = to >>> 6;
            int to64 = to & 63;
            dst[tw] |= v << to64;
            if (to64 != 0 && to64 + n > 64) {
                dst[tw + 1] |= v >>> (64 - to64);
            }
        }
    }

    /** Present events before {@code event} (also for {@code event} = the segment's event count). */
    private static int rankAt(PresenceIndex presence, int event, int events) {
        return event >= events ? presence.cardinality() : presence.rank(event);
    }

    /** Old segment {@code s} with users up to {@code toUser} (past its end: new users) and their new rows. */
    Segment merge(Segment s, int toUser, long[] duplicatesAgainstOld) {
        final int first = s.firstUser();
        final int oldUsers = s.userCount();
        final int users = toUser - first;
        long bound = s.eventCount();
        for (int u = first; u < toUser; u++) {
            bound += kept[u];
        }
        if (bound > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("a refreshed segment would hold more than 2^31 events");
        }
        final int cap = (int) bound;
        final int[] oldOffsets = s.offsets();
        final short[] oldTypes = s.types();
        final int[] oldTimes = s.times();
        final SparseDoubleColumn oldValues = s.values();
        final boolean hasValues = oldValues != null || rowValue != null;
        int[] offsets = new int[users + 1];
        short[] types = new short[cap];
        int[] times = new int[cap];
        SparseOut values = hasValues ? new SparseOut(cap) : null;
        SparseOut[] dims = new SparseOut[dimensions];
        for (int d = 0; d < dimensions; d++) {
            dims[d] = new SparseOut(cap);
        }
        // cursors into the old packed columns: old events are walked in order, so ranks are counted, not computed
        int valueCursor = 0;
        int[] dimCursor = new int[dimensions];
        double[] oldPacked = oldValues == null ? null : oldValues.packedValues();
        final int oldEvents = s.eventCount();
        int out = 0;
        // users without new rows are copied in runs: whole array ranges, not event by event
        int runStart = -1;
        int runEnd = -1;
        for (int u = 0; u <= users; u++) {
            boolean copyable = u < users && u < oldUsers && kept[first + u] == 0;
            if (copyable) {
                if (runStart < 0) {
                    runStart = oldOffsets[u];
                }
                runEnd = oldOffsets[u + 1];
                offsets[u + 1] = out + (runEnd - runStart);
                continue;
            }
            if (runStart >= 0) {
                int len = runEnd - runStart;
                System.arraycopy(oldTypes, runStart, types, out, len);
                System.arraycopy(oldTimes, runStart, times, out, len);
                if (oldValues != null) {
                    int end = rankAt(oldValues.presence(), runEnd, oldEvents);
                    values.run(oldValues.presence(), runStart, len, out, oldPacked, null, valueCursor,
                            end - valueCursor);
                    valueCursor = end;
                }
                for (int d = 0; d < dimensions; d++) {
                    SparseIntColumn column = s.dimension(d);
                    int end = rankAt(column.presence(), runEnd, oldEvents);
                    dims[d].run(column.presence(), runStart, len, out, null, column, dimCursor[d],
                            end - dimCursor[d]);
                    dimCursor[d] = end;
                }
                out += len;
                runStart = -1;
            }
            if (u == users) {
                break;
            }
            int e = u < oldUsers ? oldOffsets[u] : 0;
            int eEnd = u < oldUsers ? oldOffsets[u + 1] : 0;
            int r = start[first + u];
            int rEnd = r + kept[first + u];
            while (e < eEnd || r < rEnd) {
                int c;
                if (e >= eEnd) {
                    c = 1;
                } else if (r >= rEnd) {
                    c = -1;
                } else {
                    c = compare(s, e, valueCursor, dimCursor, oldPacked, r);
                }
                if (c <= 0) {
                    // old event first (also when equal: the new row is then a duplicate or comes after it)
                    types[out] = oldTypes[e];
                    times[out] = oldTimes[e];
                    if (oldValues != null && oldValues.has(e)) {
                        values.value(out, oldPacked[valueCursor++]);
                    }
                    for (int d = 0; d < dimensions; d++) {
                        SparseIntColumn column = s.dimension(d);
                        if (column.presence().has(e)) {
                            dims[d].code(out, column.code(dimCursor[d]++));
                        }
                    }
                    out++;
                    e++;
                    if (c == 0) {
                        int row = perm[r];
                        if (!keepsDuplicates[rowSource[row] & 0xFF]) {
                            duplicatesAgainstOld[rowSource[row] & 0xFF]++;
                            r++;
                        }
                    }
                    continue;
                }
                int row = perm[r];
                long k = key[r];
                types[out] = (short) k;
                times[out] = (int) (k >> 16);
                if (rowValue != null && !Double.isNaN(rowValue[row])) {
                    values.value(out, rowValue[row]);
                }
                for (int d = 0; d < dimensions; d++) {
                    int[] codes = rowDims.get(d);
                    if (codes != null && codes[row] >= 0) {
                        dims[d].code(out, codes[row]);
                    }
                }
                out++;
                r++;
            }
            offsets[u + 1] = out;
        }
        SparseIntColumn[] dimColumns = new SparseIntColumn[dimensions];
        for (int d = 0; d < dimensions; d++) {
            dimColumns[d] = dims[d].ints(out);
        }
        // cap is exact unless new rows were duplicates of old events: then trim
        return Segment.of(first, offsets, out == cap ? types : Arrays.copyOf(types, out),
                out == cap ? times : Arrays.copyOf(times, out),
                values == null ? null : values.doubles(out), dimColumns);
    }

    /** Orders old event {@code e} against new row position {@code r} as the load would: time, type, value, dims. */
    private int compare(Segment s, int e, int valueCursor, int[] dimCursor, double[] oldPacked, int r) {
        long oldKey = ((long) s.times()[e] << 16) | (s.types()[e] & 0xFFFF);
        int c = Long.compare(oldKey, key[r]);
        if (c != 0) {
            return c;
        }
        int row = perm[r];
        if (rowValue != null || s.values() != null) {
            double oldValue = s.values() != null && s.values().has(e) ? oldPacked[valueCursor] : Double.NaN;
            double newValue = rowValue == null ? Double.NaN : rowValue[row];
            c = Long.compare(Double.doubleToLongBits(oldValue), Double.doubleToLongBits(newValue));
            if (c != 0) {
                return c;
            }
        }
        for (int d = 0; d < dimensions; d++) {
            SparseIntColumn column = s.dimension(d);
            int oldCode = column.presence().has(e) ? column.code(dimCursor[d]) : -1;
            int[] codes = rowDims.get(d);
            int newCode = codes == null ? -1 : codes[row];
            c = Integer.compare(oldCode, newCode);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
