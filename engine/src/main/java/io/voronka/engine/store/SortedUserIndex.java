package io.voronka.engine.store;

import it.unimi.dsi.fastutil.Arrays;

/**
 * The key → id index a loaded store keeps for integer keys: the ids sorted by key, 4 bytes a user, looked up by
 * binary search in the id → key column (about 20 reads for 2.5M users), and sorted only when a lookup by key first
 * needs them (a refresh, a user filter), as a reopened snapshot opens its user-key map. The hash map a load interns
 * with costs about 24 bytes a user: a store built in the heap (no snapshot, or before its first one is written) held
 * 6.6 bytes an event of keys at 10M demo events; now 0.6 until a lookup, 1.6 after (issue 10, BENCHMARKS.md).
 * Read-only: a refresh adds its new users in an {@link OverlayUserIndex} over it.
 */
final class SortedUserIndex implements UserIndex {
    private final UserKeyColumn keys;
    private final int size;
    /** Ids {@code 0 .. size-1} in the order of their keys' bits ({@link Long#compare}); null until first needed. */
    private volatile int[] byKey;

    private SortedUserIndex(UserKeyColumn keys, int size) {
        this.keys = keys;
        this.size = size;
    }

    /** The index of the first {@code size} ids of an integer key column, sorted on the first lookup. */
    static SortedUserIndex of(UserKeyColumn keys, int size) {
        return new SortedUserIndex(keys, size);
    }

    private int[] byKey() {
        int[] sorted = byKey;
        if (sorted == null) {
            synchronized (this) {
                sorted = byKey;
                if (sorted == null) {
                    sorted = sort(keys, size);
                    byKey = sorted;
                }
            }
        }
        return sorted;
    }

    private static int[] sort(UserKeyColumn keys, int size) {
        long[] sorted = new long[size];
        int[] ids = new int[size];
        for (int id = 0; id < size; id++) {
            sorted[id] = keys.getLong(id);
            ids[id] = id;
        }
        Arrays.parallelQuickSort(0, size, (a, b) -> Long.compare(sorted[a], sorted[b]),
                ParallelArrays.swapper(ids, sorted));
        return ids;
    }

    /** Users indexed. */
    int size() {
        return size;
    }

    /** Whether a lookup has sorted the ids yet. */
    boolean sorted() {
        return byKey != null;
    }

    @Override
    public int getLong(long key) {
        final int[] byKey = byKey();
        int lo = 0;
        int hi = byKey.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int id = byKey[mid];
            int c = Long.compare(keys.getLong(id), key);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return id;
            }
        }
        return -1;
    }

    @Override
    public int getText(String key) {
        return -1;    // integer keys only: a text store keeps its hash map
    }

    @Override
    public void putLong(long key, int id) {
        throw new UnsupportedOperationException("a sorted user index is read-only: append through forAppend()");
    }

    @Override
    public void putText(String key, int id) {
        throw new UnsupportedOperationException("a sorted user index is read-only: append through forAppend()");
    }

    @Override
    public UserIndex forAppend() {
        return new OverlayUserIndex(this, new HeapUserIndex());
    }

    @Override
    public long heapBytes() {
        return byKey == null ? 0 : 4L * size;
    }
}
