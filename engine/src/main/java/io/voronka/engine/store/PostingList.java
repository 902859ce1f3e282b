package io.voronka.engine.store;

/**
 * Ascending event positions of one type in a segment, held in 2 bytes each instead of 4.
 *
 * <pre>
 * low[i]          position i's low 16 bits
 * windowStart[w]  index of the first position ≥ w·65536 (windowStart[windows] = size)
 * position i  =  (w &lt;&lt; 16) | low[i]   for the w with windowStart[w] ≤ i &lt; windowStart[w + 1]
 * </pre>
 * Read in ranges ({@link #decode}) by the code that visits the positions, so no kernel sees the packed form.
 */
public final class PostingList {
    private final char[] low;
    private final int[] windowStart;

    private PostingList(char[] low, int[] windowStart) {
        this.low = low;
        this.windowStart = windowStart;
    }

    /** The list of {@code positions} (ascending, non-negative). */
    static PostingList of(int[] positions) {
        int n = positions.length;
        int windows = n == 0 ? 0 : (positions[n - 1] >>> 16) + 1;
        int[] start = new int[windows + 1];
        char[] low = new char[n];
        int w = 0;
        for (int i = 0; i < n; i++) {
            int window = positions[i] >>> 16;
            while (w < window) {
                start[++w] = i;
            }
            low[i] = (char) positions[i];
        }
        while (w < windows) {
            start[++w] = n;
        }
        return new PostingList(low, start);
    }

    public int size() {
        return low.length;
    }

    /** Writes positions {@code from .. to} (indexes into this list) to {@code out} from index 0. */
    public void decode(int from, int to, int[] out) {
        if (from >= to) {
            return;
        }
        // the window of position `from`: the last one that starts at or before it
        int lo = 0;
        int hi = windowStart.length - 2;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (windowStart[mid] <= from) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        int i = from;
        for (int w = lo; i < to; w++) {
            final int end = Math.min(to, windowStart[w + 1]);
            final int high = w << 16;
            for (; i < end; i++) {
                out[i - from] = high | low[i];
            }
        }
    }

    /** Every position, in a new array. */
    public int[] toArray() {
        int[] out = new int[low.length];
        if (low.length > 0) {
            decode(0, low.length, out);
        }
        return out;
    }

    long bytes() {
        return 2L * low.length + 4L * windowStart.length;
    }
}
