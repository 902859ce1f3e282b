package io.voronka.engine.result;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Exact counts of durations in whole seconds: each distinct value once with how often it occurred, in increasing
 * order. Counts over disjoint sets of users merge by adding ({@link #plus}), so the mean and nearest-rank
 * percentiles of the union are exact, whatever the split (user partitions of a Spark job, threads).
 *
 * <pre>
 * values[i]  long  distinct durations, strictly increasing
 * counts[i]  long  how many times values[i] occurred (>= 1)
 * </pre>
 */
public final class DurationCounts implements Serializable {
    public static final DurationCounts EMPTY = new DurationCounts(new long[0], new long[0]);

    private final long[] values;
    private final long[] counts;
    private final long total;

    private DurationCounts(long[] values, long[] counts) {
        this.values = values;
        this.counts = counts;
        long n = 0;
        for (long c : counts) {
            n += c;
        }
        this.total = n;
    }

    /** Counts of {@code sorted[0..length)}, which must be in non-decreasing order. */
    public static DurationCounts ofSorted(int[] sorted, int length) {
        int distinct = 0;
        for (int i = 0; i < length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                distinct++;
            }
        }
        long[] values = new long[distinct];
        long[] counts = new long[distinct];
        int d = -1;
        for (int i = 0; i < length; i++) {
            assert i == 0 || sorted[i] >= sorted[i - 1] : "durations must be sorted";
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                values[++d] = sorted[i];
            }
            counts[d]++;
        }
        return new DurationCounts(values, counts);
    }

    /** The counts of both sets together. */
    public DurationCounts plus(DurationCounts other) {
        long[] v = new long[values.length + other.values.length];
        long[] c = new long[v.length];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < values.length || j < other.values.length) {
            if (j == other.values.length || (i < values.length && values[i] < other.values[j])) {
                v[n] = values[i];
                c[n++] = counts[i++];
            } else if (i == values.length || other.values[j] < values[i]) {
                v[n] = other.values[j];
                c[n++] = other.counts[j++];
            } else {
                v[n] = values[i];
                c[n++] = counts[i++] + other.counts[j++];
            }
        }
        return new DurationCounts(Arrays.copyOf(v, n), Arrays.copyOf(c, n));
    }

    public long count() {
        return total;
    }

    /** How many distinct durations. */
    public int distinct() {
        return values.length;
    }

    /** The {@code i}-th smallest distinct duration. */
    public long value(int i) {
        return values[i];
    }

    /** How often {@link #value}({@code i}) occurred. */
    public long countOf(int i) {
        return counts[i];
    }

    /** The longest duration (0 when empty). */
    public long max() {
        return values.length == 0 ? 0 : values[values.length - 1];
    }

    /** The mean in seconds (0 when empty); exact while the sum fits 2^53. */
    public double mean() {
        if (total == 0) {
            return 0;
        }
        long sum = 0;
        for (int i = 0; i < values.length; i++) {
            sum += values[i] * counts[i];
        }
        return (double) sum / total;
    }

    /** Nearest-rank percentile: the smallest value with at least fraction p of the values at or below it (0 when empty). */
    public long nearestRank(double p) {
        if (total == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(p * total));
        long seen = 0;
        for (int i = 0; i < values.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return values[i];
            }
        }
        return values[values.length - 1];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DurationCounts d && Arrays.equals(values, d.values) && Arrays.equals(counts, d.counts);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(values) + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "DurationCounts[" + total + " in " + values.length + " distinct values]";
    }
}
